import { carriedEventIds, type AlertMessage } from '../domain/alert-message.js';
import { EVENT_TYPES, type EventType } from '../domain/events.js';
import type { ChannelPrefs } from '../store/channel-prefs.js';

/**
 * Who an alert pings (`/alerts mention`): a Discord role, a Slack user group, or everyone active
 * in the channel (`@here`). Stored in prefs as `role:<id>`, `group:<id>` or `here`.
 */
export type Mention = { readonly kind: 'role'; readonly id: string } | { readonly kind: 'group'; readonly id: string } | { readonly kind: 'here' };

/** A stored target back as a Mention; undefined for one this version cannot read (then nobody is pinged). */
export function parseTarget(target: string): Mention | undefined {
  if (target === 'here') return { kind: 'here' };
  const m = /^(role|group):([A-Za-z0-9]+)$/.exec(target);
  return m ? { kind: m[1] as 'role' | 'group', id: m[2] } : undefined;
}

/** The stored form of a Mention. */
export function targetOf(m: Mention): string {
  return m.kind === 'here' ? 'here' : `${m.kind}:${m.id}`;
}

/**
 * The event types a message carries, from its event ids (`type:chart:period:subject`): one for a
 * single event, every one for a story or a catch-up. Ids that are not events (a test alert, a
 * digest) carry none.
 */
export function carriedTypes(alert: Pick<AlertMessage, 'eventId' | 'eventIds'>): EventType[] {
  const types = carriedEventIds(alert).map((id) => id.slice(0, id.indexOf(':')));
  return EVENT_TYPES.filter((t) => types.includes(t));
}

/**
 * Whom this alert pings at this destination: its mention target when the message carries at least
 * one of the chosen types (any carried type, not only the headline's: a story whose second line is
 * a new #1 is worth the ping), else nobody. A digest never pings: it is a recap at a time the
 * channel chose, and its events were news when they happened (a quiet-hours catch-up does ping).
 */
export function mentionFor(prefs: Pick<ChannelPrefs, 'mention'> | undefined, alert: Pick<AlertMessage, 'eventId' | 'eventIds'>): Mention | undefined {
  const pref = prefs?.mention;
  if (!pref || alert.eventId.startsWith('digest:')) return undefined;
  const chosen = new Set<string>(pref.types);
  return carriedTypes(alert).some((t) => chosen.has(t)) ? parseTarget(pref.target) : undefined;
}
