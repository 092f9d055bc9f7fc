import { carriedEventIds, renderAlert, type AlertMessage } from '../domain/alert-message.js';
import type { Destination } from '../delivery/destination.js';
import { detect } from '../domain/detect/detect.js';
import type { DetectOptions } from '../domain/detect/options.js';
import { labOf } from '../domain/labs.js';
import type { ModelName } from '../domain/names.js';
import { storyAlert } from '../domain/story-alert.js';
import { noTelemetry, type Telemetry } from '../health/telemetry.js';
import { planFanOut } from '../delivery/fan-out.js';
import { groupStories } from '../delivery/stories.js';
import type { DeliveryQueue } from '../delivery/queue.js';
import type { PendingDelivery } from '../store/outbox-store.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { AlertSetting, SettingsStore } from '../store/settings-store.js';
import { syncOnce, type SyncDeps, type SyncOptions, type SyncResult } from './sync.js';

export interface PollerDeps extends SyncDeps {
  readonly outbox: OutboxStore;
  readonly settings: SettingsStore;
  readonly deliverer: DeliveryQueue;
  readonly detect: DetectOptions;
  readonly sync: Omit<SyncOptions, 'onProgress'>;
  /** Channels that get alerts without a /alerts setup (webhook URLs, the console). */
  readonly implicitAlerts: () => readonly AlertSetting[];
  readonly fallbackNames: ReadonlyMap<string, ModelName>;
  readonly telemetry?: Telemetry;
  /** Quiet hours (src/schedule/quiet.ts): holds an alert for the destinations in their window, returns the rest. */
  readonly quiet?: { hold(alert: AlertMessage, dests: readonly Destination[]): Promise<Destination[]> };
}

export interface PollResult {
  readonly sync: SyncResult;
  /** True when this poll only built history (the first sync): nothing goes to chat. */
  readonly silent: boolean;
  readonly events: number;
  readonly deliveries: number;
}

/**
 * One poll: sync, then turn every newly complete day into alerts, written to the durable outbox
 * before anything is sent. The first sync only builds history; afterwards each complete period
 * goes out once: `emittedThrough` moves only after the outbox holds its alerts.
 */
export class Poller {
  private running: Promise<PollResult> | null = null;

  private readonly labOf: (permaslug: string) => string;

  constructor(private readonly d: PollerDeps) {
    this.labOf = (slug) => labOf(slug, d.detect.labs);
  }

  /** True while a poll is under way. */
  isPolling(): boolean {
    return this.running !== null;
  }

  /** Runs one poll; a poll already under way is joined, never doubled. */
  pollOnce(): Promise<PollResult> {
    this.running ??= this.poll().finally(() => (this.running = null));
    return this.running;
  }

  private async poll(): Promise<PollResult> {
    const startedAt = this.d.clock().toISOString();
    let sync: SyncResult;
    try {
      sync = await syncOnce(this.d, this.d.sync);
    } catch (error) {
      (this.d.telemetry ?? noTelemetry).syncFailed((error as { kind?: string }).kind ?? 'error');
      await this.d.outbox.setPollState({ lastSyncAt: startedAt, lastSyncError: (error as Error).message });
      throw error;
    }
    const state = await this.d.outbox.pollState();
    await this.d.outbox.setPollState({ lastSyncAt: startedAt, lastSuccessAt: startedAt, lastSyncError: null });
    (this.d.telemetry ?? noTelemetry).syncSucceeded(new Date(startedAt));
    if (sync.firstSync || state.emittedThrough === null) {
      // History that is loaded builds state and emits nothing to chat.
      await this.d.outbox.setPollState({ emittedThrough: sync.completeThrough });
      return { sync, silent: true, events: 0, deliveries: 0 };
    }
    if (sync.completeThrough <= state.emittedThrough) return { sync, silent: false, events: 0, deliveries: 0 };
    const items = await this.plan(state.emittedThrough, sync);
    await this.d.outbox.setPollState({ emittedThrough: sync.completeThrough });
    (this.d.telemetry ?? noTelemetry).planned(items.length);
    await this.d.deliverer.enqueue(items);
    return { sync, silent: false, events: new Set(items.flatMap((i) => carriedEventIds(i.alert))).size, deliveries: items.length };
  }

  /**
   * Writes the alerts of days after `emittedThrough` to the outbox, one message per story and
   * destination set (stories.ts). A story already planned (a restart after the outbox was written
   * but before `emittedThrough` moved) is skipped whole, and a message written before a crash is
   * not written again: the outbox already owes it, so no event is ever sent twice.
   */
  private async plan(emittedThrough: string, sync: SyncResult): Promise<PendingDelivery[]> {
    const history = await this.d.history.history();
    const events = detect(history, this.d.detect).filter((e) => e.day > emittedThrough && e.day <= sync.completeThrough);
    await this.d.settings.reload();
    const audience = await this.d.settings.audience(this.d.implicitAlerts());
    const names = new Map([...this.d.fallbackNames, ...(await this.d.history.names())]);
    const source = (await this.d.history.meta())?.source;
    const items: PendingDelivery[] = [];
    const now = this.d.clock().toISOString();
    let seq = 0;
    for (const story of groupStories(events, (e) => planFanOut(e, audience, this.labOf))) {
      const ids = story.events.map((e) => e.id);
      if (await this.d.outbox.anyPlanned(ids)) continue;
      for (const { events: carried, dests } of story.messages) {
        const alert = storyAlert(carried.map((e) => renderAlert(e, names, sync.asOf, source, this.d.detect.labs)));
        // The sequence suffix keeps detection order when a restart reloads the outbox.
        const createdAt = `${now}#${String(seq++).padStart(6, '0')}`;
        if (await this.d.outbox.isWritten(alert.eventId)) continue;
        const sendNow = this.d.quiet ? await this.d.quiet.hold(alert, dests) : dests;
        await this.d.outbox.put(alert, sendNow, createdAt);
        for (const dest of sendNow) items.push({ alert, dest, createdAt });
      }
      await this.d.outbox.markPlanned(ids, now);
    }
    this.d.logger.info({ events: events.length, deliveries: items.length, through: sync.completeThrough }, 'new complete days planned');
    return items;
  }
}
