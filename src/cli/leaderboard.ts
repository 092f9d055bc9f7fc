import { renderReplyText } from '../adapters/console/render.js';
import { runCliCommand } from './cli-command.js';
import { CliError } from './user-error.js';

export interface LeaderboardOptions {
  chart: string;
  date?: string;
  limit: string;
}

/** Prints one chart from the store: the same /leaderboard the chat answers, as terminal text. */
export async function printLeaderboard(opts: LeaderboardOptions, write: (text: string) => void): Promise<void> {
  const raw = { chart: opts.chart, limit: opts.limit, ...(opts.date ? { date: opts.date } : {}) };
  await runCliCommand('leaderboard', raw, async (reply) => {
    if (!reply.table) throw new CliError((reply.text ?? 'no chart').replace(/Try \/help leaderboard\.?/, 'Try --help.'));
    write(`${renderReplyText(reply)}\n`);
  });
}
