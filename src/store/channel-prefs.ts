import { z } from 'zod';
import { EVENT_TYPES } from '../domain/events.js';
import { destinationSchema, personSchema } from '../delivery/destination.js';

/** `HH:MM`, 24-hour clock. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'want a time as HH:MM (24-hour), e.g. 09:00');

/** A recap posted at a set time in the destination's timezone (`/alerts digest`). */
export const digestPrefSchema = z.object({
  every: z.enum(['daily', 'weekly']),
  time: clockTime,
  /** IANA name, validated when set. */
  timeZone: z.string(),
  /** `instead`: the digest replaces instant alerts there; `also`: both. */
  mode: z.enum(['instead', 'also']),
});

/** A window in which instant alerts are held, then posted as one catch-up (`/alerts quiet`). */
export const quietPrefSchema = z.object({ from: clockTime, to: clockTime, timeZone: z.string() });

/** Who an alert pings, and on which types only (`/alerts mention`). */
export const mentionPrefSchema = z.object({
  /** `role:<id>` (Discord), `group:<id>` (Slack user group), or `here`. */
  target: z.string(),
  types: z.array(z.enum(EVENT_TYPES)).min(1),
});

/**
 * Per-destination preferences beyond which alerts it gets, one keyv key each (`prefs:<dest>`):
 * digest, quiet hours, mentions, threads. Every part is optional; a destination with none has no key.
 */
export const channelPrefsSchema = z.object({
  dest: destinationSchema,
  digest: digestPrefSchema.optional(),
  quiet: quietPrefSchema.optional(),
  mention: mentionPrefSchema.optional(),
  /** `daily`: the day's later alerts go as replies under its first one (Slack threads, Discord forum posts). */
  threads: z.enum(['daily']).optional(),
  by: personSchema,
  at: z.string(),
});
export type ChannelPrefs = z.infer<typeof channelPrefsSchema>;
export type DigestPref = z.infer<typeof digestPrefSchema>;
export type QuietPref = z.infer<typeof quietPrefSchema>;
export type MentionPref = z.infer<typeof mentionPrefSchema>;

/** The parts a command may change (undefined leaves a part as it is; null removes it). */
export type PrefsPatch = { readonly [K in 'digest' | 'quiet' | 'mention' | 'threads']?: ChannelPrefs[K] | null };

/** True when an IANA time zone name is known to this Node (Intl). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
