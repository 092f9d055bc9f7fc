import type Keyv from 'keyv';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { OpenRouterClient } from './source/openrouter-client.js';
import { SampleSource } from './source/sample-source.js';
import type { RankingsSource } from './source/source.js';
import { KeyvHistoryStore } from './store/keyv-history-store.js';
import { openKeyv } from './store/open-keyv.js';

/** The ports every entry point shares, built from config in one place. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly kv: Keyv;
  readonly history: KeyvHistoryStore;
  readonly source: RankingsSource;
  /** True when running on the bundled sample (no OPENROUTER_API_KEY). */
  readonly sample: boolean;
  readonly clock: () => Date;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, overrides: { source?: RankingsSource; logger?: Logger; clock?: () => Date } = {}): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const kv = await openKeyv(config.STORE_URL);
  const sample = !config.OPENROUTER_API_KEY;
  const source =
    overrides.source ??
    (config.OPENROUTER_API_KEY
      ? new OpenRouterClient({ baseUrl: config.OPENROUTER_API_URL, apiKey: config.OPENROUTER_API_KEY, logger })
      : new SampleSource());
  return {
    config,
    logger,
    kv,
    history: new KeyvHistoryStore(kv),
    source,
    sample,
    clock: overrides.clock ?? (() => new Date()),
    close: () => kv.disconnect(),
  };
}
