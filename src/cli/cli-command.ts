import { dispatch } from '../../commands/dispatch.js';
import { REGISTRY } from '../../commands/index.js';
import type { Reply } from '../../commands/reply.js';
import { chartViews } from '../app/chart-view.js';
import { createServices } from '../app/services.js';
import { openRuntime } from '../runtime.js';
import { OutboxStore } from '../store/outbox-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { bundledNames } from './bundled-names.js';
import { cliConfig } from './cli-config.js';
import { CliError } from './user-error.js';

/**
 * Runs one chat command against the store, read-only, as the terminal's user: the CLI answers
 * exactly what the chat would. `use` runs before the store closes (pictures draw from it).
 */
export async function runCliCommand<T>(name: string, raw: Record<string, unknown>, use: (reply: Reply) => Promise<T>): Promise<T> {
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
    const empty = !(await runtime.history.meta());
    if (empty && REGISTRY.get(name)!.schema.safeParse(raw).success) throw new CliError('the store has no history yet: run `rankwatch backfill` first');
    return await use(await dispatch(REGISTRY, name, raw, { invocation, services }));
  } finally {
    await runtime.close();
  }
}
