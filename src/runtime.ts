import type Keyv from 'keyv';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { OpenRouterClient } from './source/openrouter-client.js';
import { SampleSource } from './source/sample-source.js';
import type { RankingsSource } from './source/source.js';
import { checkStore } from './store/check-store.js';
import { KeyvHistoryStore } from './store/keyv-history-store.js';
import { openStores, type StoreSet } from './store/open-stores.js';

/** The ports every entry point shares, built from config in one place. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly kv: Keyv;
  /** The history, settings and outbox namespaces of STORE_URL, checked together at open. */
  readonly stores: StoreSet;
  readonly history: KeyvHistoryStore;
  readonly source: RankingsSource;
  /** True when the store's history is the bundled sample (filled without OPENROUTER_API_KEY). */
  readonly sample: boolean;
  readonly clock: () => Date;
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  source?: RankingsSource;
  logger?: Logger;
  clock?: () => Date;
  /** `leaderboard` and `replay` only read: an empty store stays unmarked, and either kind of data may be shown. */
  readOnly?: boolean;
}

export async function openRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? (() => new Date());
  const stores = await openStores(config.STORE_URL, { logger });
  let held: 'sample' | 'openrouter';
  try {
    const source = config.OPENROUTER_API_KEY ? 'openrouter' : 'sample';
    held = await checkStore(stores, { storeUrl: config.STORE_URL, source, write: !overrides.readOnly, logger, clock });
  } catch (error) {
    await stores.close().catch(() => undefined);
    throw error;
  }
  const source =
    overrides.source ??
    (config.OPENROUTER_API_KEY
      ? new OpenRouterClient({ baseUrl: config.OPENROUTER_API_URL, apiKey: config.OPENROUTER_API_KEY, logger })
      : new SampleSource());
  return {
    config,
    logger,
    kv: stores.history,
    stores,
    history: new KeyvHistoryStore(stores.history, held),
    source,
    sample: held === 'sample',
    clock,
    close: () => stores.close(),
  };
}
