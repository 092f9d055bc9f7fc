import type { Logger } from '../logger.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { Fleet } from './fleet.js';

interface Change {
  readonly from: string;
  readonly keys: readonly string[];
}

/**
 * Settings written by one instance are seen by every other at once: each local write publishes
 * the store keys it touched on `prefix:settings`, and every other instance re-reads exactly those
 * keys. A subscriber that was disconnected may have missed some, so it reloads everything when
 * it is back.
 */
export async function shareSettings(fleet: Fleet, settings: SettingsStore, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const channel = fleet.key('settings');
  const sub = fleet.duplicate();
  let connectedOnce = false;
  sub.on('ready', () => {
    if (connectedOnce) void settings.reload().catch((error: unknown) => logger.error({ err: error }, 'could not reload settings after Redis came back'));
    connectedOnce = true;
  });
  sub.on('message', (_channel: string, raw: string) => {
    let change: Change;
    try {
      change = JSON.parse(raw) as Change;
    } catch {
      return void logger.warn({ channel }, 'ignored a settings change that is not JSON');
    }
    if (change.from === fleet.instanceId || !Array.isArray(change.keys)) return;
    void settings.refreshKeys([...change.keys]).catch((error: unknown) => logger.error({ err: error, keys: change.keys.length }, 'could not re-read settings another instance wrote'));
  });
  await sub.subscribe(channel);
  const off = settings.onChange((keys) => {
    void fleet.redis.publish(channel, JSON.stringify({ from: fleet.instanceId, keys } satisfies Change)).catch((error: unknown) => logger.warn({ err: error }, 'could not tell the fleet about a settings change (the others see it at their next reload)'));
  });
  return {
    async stop() {
      off();
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
