import { z } from 'zod';
import type { DigestPref } from '../src/store/channel-prefs.js';
import { WEEKLY_DIGEST_WEEKDAY } from '../src/schedule/local-time.js';
import type { CommandContext, SubcommandSpec } from './command.js';
import { channelTimeZone, clockOption, nextStamp, shapeOf, timeZoneOption } from './alerts-time.js';
import { placeName, requireManager, requirePosting } from './guards.js';
import { choice, noExtra, text } from './options.js';
import type { Reply } from './reply.js';
import { UserError } from './command.js';

/** `/alerts digest daily|weekly [time] [timezone] [instead|also]`, or `/alerts digest off`. */
export const digestSubcommand: SubcommandSpec = {
  name: 'digest',
  description: 'A daily or weekly recap at a set time (channel managers)',
  options: [
    { name: 'every', description: 'daily, weekly (Mondays), or off', type: 'string', required: true, choices: ['daily', 'weekly', 'off'] },
    { name: 'time', description: 'When, HH:MM on a 24-hour clock (default 09:00)', type: 'string' },
    { name: 'timezone', description: 'IANA time zone, e.g. Europe/Paris (default the channel’s, else UTC)', type: 'string' },
    { name: 'mode', description: 'instead of instant alerts, or also (default also)', type: 'string', choices: ['instead', 'also'] },
  ],
};

export const digestSchema = z.object({ subcommand: z.literal('digest'), every: choice(['daily', 'weekly', 'off']), time: text, timezone: text, mode: choice(['instead', 'also']).optional(), _extra: noExtra });
export type DigestOptions = z.infer<typeof digestSchema>;

/** `daily at 09:00 (Europe/Paris), instead of instant alerts` */
export function describeDigest(d: DigestPref): string {
  const when = d.every === 'weekly' ? 'weekly, Mondays' : 'daily';
  return `${when} at ${d.time} (${d.timeZone}), ${d.mode === 'instead' ? 'instead of instant alerts' : 'as well as instant alerts'}`;
}

export async function digest(o: DigestOptions, ctx: CommandContext): Promise<Reply> {
  const { invocation, services } = ctx;
  if (invocation.inDm) throw new UserError('bad_option', 'Digests are set per channel: run /alerts digest in the channel that should get them.');
  requireManager(invocation, 'set a digest here');
  const place = placeName(invocation, invocation.channel);
  const now = services.clock();
  if (o.every === 'off') {
    const had = (await services.settings.prefsFor(invocation.channel))?.digest;
    await services.settings.updatePrefs(invocation.channel, { digest: null }, invocation.user, now.toISOString());
    return { text: had ? `Digest off for ${place}.${had.mode === 'instead' ? ' Instant alerts resume.' : ''}` : `${place} had no digest.` };
  }
  requirePosting(invocation, 'post digests in channels');
  // Typed text fills `time` first: a time zone typed without a time goes where it belongs.
  const [time, zone] = shapeOf(o.time) === 'name' && o.timezone === undefined ? [undefined, o.time] : [o.time, o.timezone];
  const prefs = await services.settings.prefsFor(invocation.channel);
  const pref: DigestPref = {
    every: o.every,
    time: clockOption(time ?? '09:00', 'a time'),
    timeZone: timeZoneOption(zone, channelTimeZone(prefs)),
    mode: o.mode ?? prefs?.digest?.mode ?? 'also',
  };
  await services.settings.updatePrefs(invocation.channel, { digest: pref }, invocation.user, now.toISOString());
  const next = nextStamp(now, pref.time, pref.timeZone, pref.every === 'weekly' ? WEEKLY_DIGEST_WEEKDAY : undefined);
  const setUp = await services.settings.alertsFor(invocation.channel);
  const note = setUp ? '' : ' No alerts are set up here, so it lists the top 10 only: /alerts setup chooses the events.';
  return { text: `Digest ${prefs?.digest ? 'updated' : 'on'} for ${place}: ${describeDigest(pref)}. Next: ${next}.${note}` };
}
