import { createInterface } from 'node:readline/promises';
import { NAMESPACES, openStores } from '../store/open-stores.js';
import { redactUrl } from '../store/store-error.js';
import { cliConfig } from './cli-config.js';
import { CliError } from './user-error.js';

export interface ResetOptions {
  readonly yes?: boolean;
}

/**
 * `rankwatch reset [--yes]`: clears rankwatch's namespaces of STORE_URL (history, channel settings
 * and subscriptions, the outbox), so the next start backfills afresh. Other keys in the same
 * Redis, PostgreSQL table or SQLite file are left alone. Asks first unless --yes.
 */
export async function reset(opts: ResetOptions, write: (line: string) => void, io: { input: NodeJS.ReadableStream; interactive: boolean } = { input: process.stdin, interactive: Boolean(process.stdin.isTTY) }): Promise<void> {
  const config = cliConfig();
  const where = `STORE_URL=${redactUrl(config.STORE_URL)}`;
  const names = Object.values(NAMESPACES).join(', ');
  if (!opts.yes) {
    if (!io.interactive) throw new CliError(`reset clears ${names} of ${where}, with every alert setting and subscription: pass --yes to confirm`);
    const rl = createInterface({ input: io.input, output: process.stderr });
    const answer = await rl.question(`This deletes the history, alert settings, subscriptions and undelivered alerts in ${where}. Type "reset" to go on: `);
    rl.close();
    if (answer.trim() !== 'reset') throw new CliError('nothing was cleared');
  }
  const stores = await openStores(config.STORE_URL);
  try {
    for (const kv of [stores.history, stores.settings, stores.outbox]) await kv.clear();
  } finally {
    await stores.close();
  }
  write(`Cleared ${names} in ${where}. The next start backfills history silently.`);
}
