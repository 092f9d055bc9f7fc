import { EVENT_TYPES, subjectKind, type ChartEvent } from '../domain/events.js';
import { destinationKey, type Destination } from './destination.js';

/** The events of one message and where it goes: the headline first, then the others in type order. */
export interface StoryMessage {
  readonly events: readonly ChartEvent[];
  readonly dests: readonly Destination[];
}

/** One story: the events of one day about one subject, and the messages they make. */
export interface Story {
  /** `day|kind|subject`. */
  readonly key: string;
  /** Every event of the story that reaches someone. */
  readonly events: readonly ChartEvent[];
  readonly messages: readonly StoryMessage[];
}

const typeRank = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/**
 * Groups events into stories (one day, one subject) and each story into messages: a destination
 * gets one message with every event of the story that reaches it; destinations that get the same
 * events share one message. Within a message the most important event (the spec's type order;
 * among equal types, detection order: daily before weekly) leads. `fanOut` says where one event
 * goes; events that reach no one are left out. Stories and messages come in detection order of
 * their first event, so the outbox keeps it.
 */
export function groupStories(events: readonly ChartEvent[], fanOut: (e: ChartEvent) => readonly Destination[]): Story[] {
  const stories = new Map<string, { events: ChartEvent[]; order: number[]; byDest: Map<string, { dest: Destination; picks: number[] }> }>();
  events.forEach((event, i) => {
    const dests = fanOut(event);
    if (dests.length === 0) return;
    const key = `${event.day}|${subjectKind(event)}|${event.subject}`;
    let s = stories.get(key);
    if (!s) stories.set(key, (s = { events: [], order: [], byDest: new Map() }));
    const at = s.events.push(event) - 1;
    s.order.push(i);
    for (const dest of dests) {
      const k = destinationKey(dest);
      const d = s.byDest.get(k) ?? { dest, picks: [] };
      if (!d.picks.includes(at)) d.picks.push(at);
      s.byDest.set(k, d);
    }
  });
  return [...stories].map(([key, s]) => ({ key, events: s.events, messages: messagesOf(s.events, s.byDest) }));
}

function messagesOf(events: readonly ChartEvent[], byDest: ReadonlyMap<string, { dest: Destination; picks: number[] }>): StoryMessage[] {
  const important = (a: number, b: number) => typeRank.get(events[a].type)! - typeRank.get(events[b].type)! || a - b;
  const bySubset = new Map<string, { key: string; picks: number[]; dests: Destination[] }>();
  for (const { dest, picks } of byDest.values()) {
    const sorted = [...picks].sort(important);
    const k = sorted.join(',');
    const m = bySubset.get(k) ?? { key: k, picks: sorted, dests: [] };
    m.dests.push(dest);
    bySubset.set(k, m);
  }
  return [...bySubset.values()]
    .sort((a, b) => Math.min(...a.picks) - Math.min(...b.picks) || important(a.picks[0], b.picks[0]) || a.picks.length - b.picks.length || (a.key < b.key ? -1 : 1))
    .map((m) => ({ events: m.picks.map((p) => events[p]), dests: m.dests }));
}
