import type Keyv from 'keyv';
import { z } from 'zod';
import { destinationKey, destinationSchema, type Destination } from '../delivery/destination.js';
import type { AlertMessage } from '../domain/alert-message.js';
import { CHART_NAMES } from '../domain/charts.js';
import { EVENT_TYPES } from '../domain/events.js';
import { parseStored } from './keyv-history-store.js';
import { Mutex } from './mutex.js';

/** An alert's picture description. One this version cannot read is dropped: the alert still goes, as text. */
const pictureSchema = z
  .object({ kind: z.literal('moment'), type: z.enum(EVENT_TYPES), chart: z.enum(CHART_NAMES), period: z.string(), subject: z.string(), versus: z.string().optional() })
  .optional()
  .catch(undefined);

const alertSchema = z.object({
  eventId: z.string(),
  headline: z.string(),
  figures: z.array(z.tuple([z.string(), z.string()])),
  url: z.string(),
  linkLabel: z.string(),
  footer: z.string(),
  followModel: z.string().optional(),
  day: z.string(),
  picture: pictureSchema,
});
const entrySchema = z.object({ alert: alertSchema, dests: z.array(destinationSchema), createdAt: z.string() });
export type OutboxEntry = z.infer<typeof entrySchema>;

const pollStateSchema = z.object({ emittedThrough: z.string().nullable(), lastSyncAt: z.string().nullable(), lastSyncError: z.string().nullable(), lastSuccessAt: z.string().nullable() });
export type PollState = z.infer<typeof pollStateSchema>;

/** A delivery still owed: one alert to one destination. */
export interface PendingDelivery {
  readonly alert: AlertMessage;
  readonly dest: Destination;
  /** When the alert was written to the outbox (ISO, with a `#sequence` suffix); outages are measured against it. */
  readonly createdAt?: string;
}

const failureSchema = z.object({ since: z.string(), attempts: z.number().int().nonnegative(), reason: z.string(), nextAt: z.string() });
/** A destination whose sends keep failing: since when, how often, why, and when to try next. Survives a restart. */
export type DestinationFailure = z.infer<typeof failureSchema>;

/** How long an event id is remembered after its deliveries are settled, so a re-plan never sends it again. */
const DONE_TTL_MS = 45 * 24 * 3600_000;

/**
 * The durable outbox. Every alert is written here with all its destinations *before* anything is
 * sent; each (event, destination) gets a `sent` or `dropped` mark once settled. After a crash,
 * `pending()` is exactly what is still owed, so a restart delivers the rest.
 */
export class OutboxStore {
  private readonly lock = new Mutex();

  constructor(private readonly kv: Keyv) {}

  async put(alert: AlertMessage, dests: readonly Destination[], createdAt: string): Promise<void> {
    await this.kv.set(`event:${alert.eventId}`, { alert, dests, createdAt });
  }

  async pending(): Promise<PendingDelivery[]> {
    const entries: OutboxEntry[] = [];
    for await (const [rawKey, value] of this.kv.iterator!(this.kv.namespace)) {
      const key = String(rawKey);
      if (key.startsWith('event:')) entries.push(parseStored(entrySchema, value, key));
    }
    entries.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const out: PendingDelivery[] = [];
    for (const e of entries) {
      const marks = await this.kv.getMany(e.dests.map((d) => markKey(e.alert.eventId, d)));
      e.dests.forEach((dest, i) => marks[i] === undefined && out.push({ alert: e.alert, dest, createdAt: e.createdAt }));
      if (marks.every((m) => m !== undefined)) await this.forget(e);
    }
    return out;
  }

  /**
   * True when this event was already planned: still in the outbox, or settled recently. Planning
   * skips such events, so a restart between writing the outbox and moving `emittedThrough` never
   * plans (and sends) an alert twice.
   */
  async isPlanned(eventId: string): Promise<boolean> {
    const [entry, done] = await this.kv.getMany([`event:${eventId}`, `done:${eventId}`]);
    return entry !== undefined || done !== undefined;
  }

  async isSettled(eventId: string, dest: Destination): Promise<boolean> {
    return (await this.kv.get(markKey(eventId, dest))) !== undefined;
  }

  /** Marks one delivery done; when the event has no delivery left, its entry is removed. */
  async settle(eventId: string, dest: Destination, outcome: { sent: true; at: string } | { sent: false; reason: string; at: string }): Promise<void> {
    await this.kv.set(markKey(eventId, dest), outcome);
    await this.count(outcome.sent ? `sent-count:${outcome.at.slice(0, 10)}` : 'dropped-count');
  }

  /** Removes an event whose deliveries are all settled (its marks go with it), remembering its id. */
  async complete(eventId: string): Promise<void> {
    const raw = await this.kv.get(`event:${eventId}`);
    if (raw === undefined) return;
    const entry = parseStored(entrySchema, raw, `event:${eventId}`);
    const marks = await this.kv.getMany(entry.dests.map((d) => markKey(eventId, d)));
    if (marks.every((m) => m !== undefined)) await this.forget(entry);
  }

  private async forget(e: OutboxEntry): Promise<void> {
    await this.kv.set(`done:${e.alert.eventId}`, e.createdAt, DONE_TTL_MS);
    await this.kv.delete(`event:${e.alert.eventId}`);
    await Promise.all(e.dests.map((d) => this.kv.delete(markKey(e.alert.eventId, d))));
  }

  private count(key: string): Promise<void> {
    return this.lock.run(async () => {
      const n = ((await this.kv.get(key)) as number | undefined) ?? 0;
      await this.kv.set(key, n + 1);
    });
  }

  /** Deliveries given up since the store was made (each has its reason in its mark). */
  async droppedTotal(): Promise<number> {
    return ((await this.kv.get('dropped-count')) as number | undefined) ?? 0;
  }

  async failure(dest: Destination): Promise<DestinationFailure | null> {
    const key = `failing:${destinationKey(dest)}`;
    const raw = await this.kv.get(key);
    return raw === undefined ? null : parseStored(failureSchema, raw, key);
  }

  async setFailure(dest: Destination, failure: DestinationFailure): Promise<void> {
    await this.kv.set(`failing:${destinationKey(dest)}`, failure);
  }

  async clearFailure(dest: Destination): Promise<void> {
    await this.kv.delete(`failing:${destinationKey(dest)}`);
  }

  async sentOn(day: string): Promise<number> {
    return ((await this.kv.get(`sent-count:${day}`)) as number | undefined) ?? 0;
  }

  async pollState(): Promise<PollState> {
    const raw = await this.kv.get('poll:state');
    return raw === undefined ? { emittedThrough: null, lastSyncAt: null, lastSyncError: null, lastSuccessAt: null } : parseStored(pollStateSchema, raw, 'poll:state');
  }

  async setPollState(patch: Partial<PollState>): Promise<void> {
    await this.lock.run(async () => this.kv.set('poll:state', { ...(await this.pollState()), ...patch }));
  }
}

function markKey(eventId: string, dest: Destination): string {
  return `mark:${eventId}|${destinationKey(dest)}`;
}
