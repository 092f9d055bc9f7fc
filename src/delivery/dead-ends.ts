import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { OutboxStore, PendingDelivery } from '../store/outbox-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import { destinationKey, dmOf, type Destination } from './destination.js';
import type { Notifier } from './notifier.js';

/** What happens to a destination that answered "gone" or "forbidden". */
export interface DeadEnds {
  disable(dest: Destination, reason: string): Promise<void>;
}

/**
 * Disables a destination that is gone or forbidden (so it stops costing requests and never
 * counts against Discord's invalid-request limit), records why for /status, and tells the person
 * who set it up, by DM on the same platform.
 */
export function deadEnds(o: { settings: SettingsStore; notifiers: readonly Notifier[]; logger: Logger; clock: () => Date }): DeadEnds {
  return {
    async disable(dest, reason) {
      const owner = (await o.settings.alertsFor(dest))?.by ?? (await o.settings.subscriptionsOf([dest]))[0]?.by;
      await o.settings.disable({ dest, reason, at: o.clock().toISOString(), ...(owner ? { by: owner } : {}) });
      o.logger.warn({ dest: destinationKey(dest), reason }, 'destination disabled');
      if (!owner) return;
      const dm = dmOf(owner);
      if (destinationKey(dm) === destinationKey(dest)) return;
      const text = `rankwatch stopped posting alerts to ${describe(dest)}: ${reason}. Fix access, then run /alerts setup (or /subscribe … where:here) there again.`;
      try {
        await o.notifiers.find((n) => n.handles(dm))?.sendText(dm, text);
      } catch (error) {
        o.logger.warn({ err: error, dest: destinationKey(dm) }, 'could not tell the owner of a disabled destination');
      }
    },
  };
}

/** Records every delivery of a dead destination as dropped, with the reason. */
export async function settleDead(o: { outbox: OutboxStore }, items: readonly PendingDelivery[], at: string): Promise<void> {
  for (const item of items) await o.outbox.settle(item.alert.eventId, item.dest, { sent: false, reason: 'destination disabled', at });
}

/** Stable per (event, destination), ≤ 25 chars: Discord's nonce limit. */
export function idempotencyKey(eventId: string, dest: Destination): string {
  return createHash('sha256').update(`${eventId}|${destinationKey(dest)}`).digest('base64url').slice(0, 25);
}

function describe(dest: Destination): string {
  switch (dest.kind) {
    case 'discord-channel':
      return `<#${dest.channelId}>`;
    case 'slack-channel':
      // Slack notices are escaped as plain text, so a `<#C…>` link would show literally.
      return `channel ${dest.channelId}`;
    case 'discord-webhook':
    case 'slack-webhook':
      return `webhook ${dest.hash}`;
    default:
      return 'your DMs';
  }
}
