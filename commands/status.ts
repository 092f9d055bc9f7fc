import { z } from 'zod';
import { destinationKey, dmOf, isPersonal, type Destination } from '../src/delivery/destination.js';
import { attribution } from '../src/domain/names.js';
import type { DisabledDestination } from '../src/store/settings-store.js';
import type { Command, Invocation } from './command.js';
import type { StatusView } from './services.js';
import { noExtra } from './options.js';
import type { Reply } from './reply.js';
import { syncErrorKind } from './views/sync-error.js';

const schema = z.object({ _extra: noExtra });

/** `2026-04-05 02:14 UTC`. */
export function instant(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}

const scopeOf = (d: Destination): string | undefined =>
  d.kind === 'discord-channel' ? d.guildId && `discord:${d.guildId}` : d.kind === 'slack-channel' || d.kind === 'slack-dm' ? `slack:${d.teamId}` : undefined;

/** Whose a stopped destination is: who set it up, else the person a DM belongs to. Webhooks are the operator's. */
const ownerKey = (d: DisabledDestination): string | undefined => (d.by ? destinationKey(dmOf(d.by)) : isPersonal(d.dest) ? destinationKey(d.dest) : undefined);

/**
 * Stopped destinations name channels, DMs and why they failed, so a person sees only their own
 * (set up by them, or their DM); in a server or workspace channel, only those of that server or
 * workspace. The operator's console sees all, webhooks from the environment included.
 */
function disabledText(inv: Invocation, all: readonly DisabledDestination[]): string {
  const mine = inv.platform === 'console' ? all : all.filter((d) => ownerKey(d) === destinationKey(inv.dm));
  const here = inv.platform === 'console' || inv.inDm ? mine : mine.filter((d) => scopeOf(d.dest) !== undefined && scopeOf(d.dest) === scopeOf(inv.channel));
  const lines = here.map((d) => `${destinationKey(d.dest)}: ${d.reason} (since ${instant(d.at)})`);
  const elsewhere = mine.length - here.length;
  if (elsewhere > 0) lines.push(`${elsewhere} more of yours elsewhere (run /status in a DM with the bot)`);
  return lines.length ? lines.join('\n') : 'None';
}

/** `sync: retrying since 2026-04-05 02:14 UTC (cannot reach OpenRouter), next try 02:44 UTC`. */
function troubleLine(p: StatusView['trouble'][number]): string {
  const next = p.retryAt ? `, next try ${instant(p.retryAt)}` : '';
  return `${p.part}: ${p.state} since ${instant(p.since)}${p.detail ? ` (${p.detail})` : ''}${next}`;
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
      ...(s.lastSyncError ? [{ label: 'Last sync error', value: syncErrorKind(s.lastSyncError) }] : []),
      { label: 'Data as of', value: instant(s.asOf), inline: true },
      { label: 'Complete through', value: s.completeThrough ? `${s.completeThrough} (UTC)` : '—', inline: true },
      { label: 'Source', value: s.source === 'openrouter' ? 'OpenRouter API' : 'Bundled sample data', inline: true },
      { label: 'Alerts sent today (UTC)', value: String(s.sentToday), inline: true },
      { label: 'Pending deliveries', value: String(s.pending), inline: true },
      { label: 'Dropped deliveries (all time)', value: String(s.dropped), inline: true },
      ...(s.trouble.length ? [{ label: 'Needs attention', value: s.trouble.map(troubleLine).join('\n') }] : []),
      { label: 'Stopped destinations', value: disabledText(ctx.invocation, s.disabled) },
    ];
    return { title: 'rankwatch status', fields, ...(s.asOf ? { footer: attribution(s.asOf, s.source) } : {}) };
  },
};
