import { cliConfig } from './cli-config.js';
import { syncOnce } from '../poller/sync.js';
import { openRuntime } from '../runtime.js';

/** Fills the store from OpenRouter (or the bundled sample without a key), printing progress. */
export async function backfill(write: (line: string) => void): Promise<void> {
  const config = cliConfig();
  const runtime = await openRuntime(config);
  try {
    write(runtime.sample ? 'No OPENROUTER_API_KEY: filling the store from the bundled sample.' : `Reading ${config.OPENROUTER_API_URL} ...`);
    const result = await syncOnce(runtime, {
      settleMinutes: config.SETTLE_MINUTES,
      resyncDays: config.RESYNC_DAYS,
      onProgress: (m) => write(`  ${m}`),
    });
    write(`Stored ${result.rows} rows; complete through ${result.completeThrough} (as of ${result.asOf}), ${result.requests} request(s).`);
  } finally {
    await runtime.close();
  }
}
