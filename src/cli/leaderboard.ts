import { dispatch } from '../../commands/dispatch.js';
import { REGISTRY } from '../../commands/index.js';
import { renderReplyText } from '../adapters/console/render.js';
import { chartViews } from '../app/chart-view.js';
import { createServices } from '../app/services.js';
import { cliConfig } from './cli-config.js';
import { openRuntime } from '../runtime.js';
import { OutboxStore } from '../store/outbox-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { bundledNames } from './bundled-names.js';
import { CliError } from './user-error.js';

export interface LeaderboardOptions {
  chart: string;
  date?: string;
  limit: string;
}

/** Prints one chart from the store: the same /leaderboard the chat answers, as terminal text. */
export async function printLeaderboard(opts: LeaderboardOptions, write: (text: string) => void): Promise<void> {
  const config = cliConfig();
  const runtime = await openRuntime(config, { readOnly: true });
  try {
    const services = createServices({
      charts: chartViews(runtime.history, config.detect, bundledNames()),
      settings: new SettingsStore(runtime.stores.settings),
      outbox: new OutboxStore(runtime.stores.outbox),
      notifiers: () => [],
      pending: () => 0,
      nextSyncAt: () => null,
      sample: runtime.sample,
      clock: runtime.clock,
      logger: runtime.logger,
    });
    const you = { platform: 'console', userId: 'cli' } as const;
    const invocation = { platform: 'console', user: you, channel: { kind: 'console' }, dm: { kind: 'console' }, canManageChannel: false, inDm: false } as const;
    const raw = { chart: opts.chart, limit: opts.limit, ...(opts.date ? { date: opts.date } : {}) };
    const empty = !(await runtime.history.meta());
    if (empty && REGISTRY.get('leaderboard')!.schema.safeParse(raw).success) throw new CliError('the store has no history yet: run `rankwatch backfill` first');
    const reply = await dispatch(REGISTRY, 'leaderboard', raw, { invocation, services });
    if (!reply.table) throw new CliError((reply.text ?? 'no chart').replace(/Try \/help leaderboard\.?/, 'Try --help.'));
    write(`${renderReplyText(reply)}\n`);
  } finally {
    await runtime.close();
  }
}
