import type { ChartBook } from '../src/domain/chart-book.js';
import type { ChartEvent } from '../src/domain/events.js';
import type { ModelLabel, ModelName } from '../src/domain/names.js';
import type { PartStatus } from '../src/health/health.js';
import type { Destination } from '../src/delivery/destination.js';
import type { Logger } from '../src/logger.js';
import type { HistoryMeta } from '../src/store/history-store.js';
import type { DisabledDestination, SettingsStore } from '../src/store/settings-store.js';

/** The charts as commands read them: computed once per history version. */
export interface ChartView {
  readonly book: ChartBook;
  readonly names: ReadonlyMap<string, ModelName>;
  readonly meta: HistoryMeta | null;
  /** Every event in history (for /records and /model). */
  readonly events: readonly ChartEvent[];
  /** Every permaslug ever charted, sorted. */
  readonly models: readonly string[];
  label(permaslug: string): ModelLabel;
}

/** What /status shows. */
export interface StatusView {
  readonly lastSyncAt: string | null;
  readonly lastSyncError: string | null;
  readonly asOf: string | null;
  readonly completeThrough: string | null;
  readonly nextSyncAt: string | null;
  readonly sentToday: number;
  readonly pending: number;
  readonly disabled: readonly DisabledDestination[];
  readonly source: 'openrouter' | 'sample';
  /** Every long-lived part that is not ok (sync retrying, a chat connection down, a platform paused, a failing webhook). */
  readonly trouble: readonly PartStatus[];
  /** Deliveries given up since the store was made (each recorded with its reason). */
  readonly dropped: number;
}

/** The ports commands use, handed over explicitly by the composition root. */
export interface Services {
  charts(): Promise<ChartView>;
  readonly settings: SettingsStore;
  status(): Promise<StatusView>;
  /** Posts a sample alert to `dest` at once (for /alerts test); throws DeliveryError on failure. */
  sendTestAlert(dest: Destination): Promise<void>;
  /** Posts plain text to `dest` at once (the setup confirmation everyone in the channel sees); throws DeliveryError on failure. */
  announce(dest: Destination, text: string): Promise<void>;
  readonly clock: () => Date;
  readonly logger: Logger;
}
