import { z } from 'zod';
import type { QuietPref } from '../src/store/channel-prefs.js';
import { UserError, type CommandContext, type SubcommandSpec } from './command.js';
import { channelTimeZone, clockOption, shapeOf, timeZoneOption } from './alerts-time.js';
import { placeName, requireManager, requirePosting } from './guards.js';
import { noExtra, text } from './options.js';
import type { Reply } from './reply.js';

/** `/alerts quiet 22:00-07:00 [timezone]`, or `/alerts quiet off`. */
export const quietSubcommand: SubcommandSpec = {
  name: 'quiet',
  description: 'Hold alerts in a window, then post one catch-up (channel managers)',
  options: [
    { name: 'hours', description: 'From-to, HH:MM-HH:MM, may cross midnight (e.g. 22:00-07:00), or off', type: 'string', required: true },
    { name: 'timezone', description: 'IANA time zone, e.g. Europe/Paris (default the channel’s, else UTC)', type: 'string' },
  ],
};

export const quietSchema = z.object({ subcommand: z.literal('quiet'), hours: z.string({ error: 'want hours as HH:MM-HH:MM (e.g. 22:00-07:00), or off' }).trim(), timezone: text, _extra: noExtra });

/** `22:00 - 07:00` typed with spaces arrives as hours `22:00`, timezone `- 07:00 …`: joined again. */
function placeLoose(hours: string, timezone: string | undefined): [string, string | undefined] {
  if (timezone === undefined || shapeOf(hours) !== 'time') return [hours, timezone];
  const m = /^-?\s*(\d{1,2}:\d{2})\s*(.*)$/.exec(timezone);
  return m ? [`${hours}-${m[1]}`, m[2] || undefined] : [hours, timezone];
}
export type QuietOptions = z.infer<typeof quietSchema>;

export function describeQuiet(q: QuietPref): string {
  return `${q.from} to ${q.to} (${q.timeZone})`;
}

function parseHours(hours: string): { from: string; to: string } {
  const parts = hours.split('-');
  if (parts.length !== 2) throw new UserError('bad_option', `"${hours}" is not a window: want HH:MM-HH:MM on a 24-hour clock, e.g. 22:00-07:00, or off.`);
  const from = clockOption(parts[0], 'a start time');
  const to = clockOption(parts[1], 'an end time');
  if (from === to) throw new UserError('bad_option', `"${hours}" starts and ends at the same time: give a window such as 22:00-07:00.`);
  return { from, to };
}

export async function quiet(o: QuietOptions, ctx: CommandContext): Promise<Reply> {
  const { invocation, services } = ctx;
  if (invocation.inDm) throw new UserError('bad_option', 'Quiet hours are set per channel: run /alerts quiet in the channel they are for.');
  requireManager(invocation, 'set quiet hours here');
  const place = placeName(invocation, invocation.channel);
  const at = services.clock().toISOString();
  const prefs = await services.settings.prefsFor(invocation.channel);
  if (o.hours.toLowerCase() === 'off') {
    await services.settings.updatePrefs(invocation.channel, { quiet: null }, invocation.user, at);
    return { text: prefs?.quiet ? `Quiet hours off for ${place}. Anything held is posted now, as one catch-up.` : `${place} had no quiet hours.` };
  }
  requirePosting(invocation, 'post the catch-up after quiet hours');
  const [hours, zone] = placeLoose(o.hours, o.timezone);
  const pref: QuietPref = { ...parseHours(hours), timeZone: timeZoneOption(zone, channelTimeZone(prefs)) };
  await services.settings.updatePrefs(invocation.channel, { quiet: pref }, invocation.user, at);
  return { text: `Quiet hours ${prefs?.quiet ? 'updated' : 'on'} for ${place}: ${describeQuiet(pref)}. Alerts in that window are held and posted as one catch-up when it ends.` };
}
