import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../src/domain/events.js';
import type { SubscriptionWhen } from '../src/store/settings-index.js';
import type { OptionSpec } from './command.js';
import { wholeNumber } from './options.js';

/** The deepest `top` worth asking for: charts rank the top 50 models of a day. */
export const MAX_TOP = 50;

/**
 * `/subscribe <model> [events] [top]`. Typed text (Slack, console) names them (`events:new_leader,milestone
 * top:5`), so the words of a model name are never taken for a condition.
 */
export const CONDITION_OPTIONS: readonly OptionSpec[] = [
  { name: 'events', description: 'Only these event types, comma-separated (e.g. new_leader,milestone)', type: 'string', namedOnly: true },
  { name: 'top', description: `Only while it ranks in the top N of the event's chart (1-${MAX_TOP})`, type: 'integer', min: 1, max: MAX_TOP, namedOnly: true },
];

const TYPES = new Set<string>(EVENT_TYPES);

/** `new_leader, milestone` → the types; an unknown one is refused by name, with the list to pick from. */
const eventsText = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const words = v.toLowerCase().split(/[\s,]+/).filter(Boolean);
    const bad = words.find((w) => !TYPES.has(w));
    if (bad !== undefined || words.length === 0) {
      ctx.addIssue({ code: 'custom', message: `${bad === undefined ? 'name at least one event type' : `unknown event type "${bad}"`}: want some of ${EVENT_TYPES.join(', ')}` });
      return z.NEVER;
    }
    return EVENT_TYPES.filter((t) => words.includes(t));
  });

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const conditionsSchema = z.object({ events: z.preprocess(blank, eventsText.optional()), top: z.preprocess(blank, wholeNumber(1, MAX_TOP).optional()) });

/** The conditions as stored, or undefined for none. */
export function whenOf(o: { events?: EventType[]; top?: number }): SubscriptionWhen | undefined {
  if (o.events === undefined && o.top === undefined) return undefined;
  return { ...(o.events ? { events: o.events } : {}), ...(o.top !== undefined ? { top: o.top } : {}) };
}

/** `only new_leader, milestone; while in the top 5`, or `every event`. */
export function describeWhen(when: SubscriptionWhen | undefined): string {
  const parts = [when?.events ? `only ${when.events.join(', ')}` : '', when?.top !== undefined ? `while in the top ${when.top}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every event';
}

export function sameWhen(a: SubscriptionWhen | undefined, b: SubscriptionWhen | undefined): boolean {
  return describeWhen(a) === describeWhen(b);
}
