import { z } from 'zod';
import { destinationKey, type Destination } from '../src/delivery/destination.js';
import { attribution } from '../src/domain/names.js';
import type { DisabledDestination } from '../src/store/settings-store.js';
import type { Command, Invocation } from './command.js';
import { noExtra } from './options.js';
import type { Reply } from './reply.js';

const schema = z.object({ _extra: noExtra });

/** `2026-04-05 02:14 UTC`. */
export function instant(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}

const scopeOf = (d: Destination): string | undefined =>
  d.kind === 'discord-channel' ? d.guildId && `discord:${d.guildId}` : d.kind === 'slack-channel' || d.kind === 'slack-dm' ? `slack:${d.teamId}` : undefined;

/**
 * Which stopped destinations a person may see: all of them on the operator's console; elsewhere
 * those in the same server or workspace and their own DM, so one guild never sees another's.
 */
function visible(inv: Invocation, d: DisabledDestination): boolean {
  if (inv.platform === 'console') return true;
  const key = destinationKey(d.dest);
  if (key === destinationKey(inv.dm) || key === destinationKey(inv.channel)) return true;
  const scope = scopeOf(d.dest);
  return scope !== undefined && scope === scopeOf(inv.channel);
}

function disabledText(inv: Invocation, all: readonly DisabledDestination[]): string {
  const shown = all.filter((d) => visible(inv, d));
  const lines = shown.map((d) => `${destinationKey(d.dest)}: ${d.reason} (since ${instant(d.at)})`);
  const hidden = all.length - shown.length;
  if (hidden > 0) lines.push(`${hidden} elsewhere`);
  return lines.length ? lines.join('\n') : 'None';
}

export const status: Command<typeof schema> = {
  name: 'status',
  description: 'Sync and delivery status: last and next sync, data as of, alerts sent and pending',
  options: [],
  personal: true,
  schema,
  async run(_options, ctx) {
    const s = await ctx.services.status();
    const fields: NonNullable<Reply['fields']> = [
      { label: 'Last sync', value: instant(s.lastSyncAt), inline: true },
      { label: 'Next sync', value: instant(s.nextSyncAt), inline: true },
      ...(s.lastSyncError ? [{ label: 'Last sync error', value: s.lastSyncError }] : []),
      { label: 'Data as of', value: instant(s.asOf), inline: true },
      { label: 'Complete through', value: s.completeThrough ? `${s.completeThrough} (UTC)` : '—', inline: true },
      { label: 'Source', value: s.source === 'openrouter' ? 'OpenRouter API' : 'Bundled sample data', inline: true },
      { label: 'Alerts sent today (UTC)', value: String(s.sentToday), inline: true },
      { label: 'Pending deliveries', value: String(s.pending), inline: true },
      { label: 'Stopped destinations', value: disabledText(ctx.invocation, s.disabled) },
    ];
    return { title: 'rankwatch status', fields, ...(s.asOf ? { footer: attribution(s.asOf, s.source) } : {}) };
  },
};
