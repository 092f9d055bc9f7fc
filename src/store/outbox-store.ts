import type Keyv from 'keyv';
import { z } from 'zod';
import { destinationKey, destinationSchema, type Destination } from '../delivery/destination.js';
import type { AlertMessage } from '../domain/alert-message.js';
import { CHART_NAMES } from '../domain/charts.js';
import { EVENT_TYPES } from '../domain/events.js';
import { parseStored } from './keyv-history-store.js';
import { Mutex } from './mutex.js';
import { scanPrefix } from './scan-keys.js';

/** An alert's picture description. One this version cannot read is dropped: the alert still goes, as text. */
const pictureSchema = z
  .object({ kind: z.literal('moment'), type: z.enum(EVENT_TYPES), chart: z.enum(CHART_NAMES), period: z.string(), subject: z.string(), versus: z.string().optional() })
  .optional()
  .catch(undefined);

/** An AlertMessage as read back from the store (the quiet-hours hold reads the same shape). */
export const alertSchema = z.object({
  eventId: z.string(),
  headline: z.string(),
  figures: z.array(z.tuple([z.string(), z.string()])),
  url: z.string(),
  linkLabel: z.string(),
  footer: z.string(),
  followModel: z.string().optional(),
  day: z.string(),
  picture: pictureSchema,
  lines: z.array(z.string()).optional(),
  eventIds: z.array(z.string()).optional(),
});
const entrySchema = z.object({ alert: alertSchema, dests: z.array(destinationSchema), createdAt: z.string() });
export type OutboxEntry = z.infer<typeof entrySchema>;

const pollStateSchema = z.object({ emittedThrough: z.string().nullable(), lastSyncAt: z.string().nullable(), lastSyncError: z.string().nullable(), lastSuccessAt: z.string().nullable() });
export type PollState = z.infer<typeof pollStateSchema>;

/** Counts that several processes add to at once (a fleet's Redis). */
export interface Counters {
  add(key: string): Promise<void>;
  get(key: string): Promise<number>;
}

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
/** Marks read per round trip. */
const MARK_CHUNK = 500;

/**
 * The durable outbox. Every alert is written here with all its destinations *before* anything is
 * sent; each (event, destination) gets a `sent` or `dropped` mark once settled. After a crash,
 * `pending()` is exactly what is still owed, so a restart delivers the rest.
 */
export class OutboxStore {
  private readonly lock = new Mutex();

  /**
   * `counters`: where the sent and dropped counts are added up. Default: in the store, read and
   * written under this process's lock; a fleet hands in Redis' atomic INCR, since several delivery
   * workers settle at once (their counts add to what the store already held).
   */
  constructor(
    private readonly kv: Keyv,
    private readonly counters?: Counters,
  ) {}

  async put(alert: AlertMessage, dests: readonly Destination[], createdAt: string): Promise<void> {
    await this.kv.set(`event:${alert.eventId}`, { alert, dests, createdAt });
  }

  /**
   * Everything still owed, oldest alert first. Linear in the outbox: one scan of the `event:`
   * entries (scan-keys.ts), then each event's marks in chunks (a SQLite `getMany` of 40,000 keys
   * matched each row against every key: 4.5 s for one alert to 40,000 destinations).
   */
  async pending(): Promise<PendingDelivery[]> {
    const entries = new Map<string, OutboxEntry>();
    for await (const page of scanPrefix(this.kv, 'event:')) for (const { key, value } of page) entries.set(key, parseStored(entrySchema, value, key));
    const sorted = [...entries.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const out: PendingDelivery[] = [];
    for (const e of sorted) {
      const settled = await this.settledDests(e.alert.eventId, e.dests);
      const before = out.length;
      for (const dest of e.dests) if (!settled.has(destinationKey(dest))) out.push({ alert: e.alert, dest, createdAt: e.createdAt });
      if (out.length === before) await this.forget(e);
    }
    return out;
  }

  /**
   * Which of an event's destinations have a `sent`/`dropped` mark: index lookups in chunks of 500
   * (@keyv/sqlite's getMany matches every row against every key asked for; a prefix scan would
   * be a table scan per event on PostgreSQL, whose LIKE cannot use the key index).
   */
  private async settledDests(eventId: string, dests: readonly Destination[]): Promise<Set<string>> {
    const settled = new Set<string>();
    for (let i = 0; i < dests.length; i += MARK_CHUNK) {
      const chunk = dests.slice(i, i + MARK_CHUNK);
      const marks = await this.kv.getMany(chunk.map((d) => markKey(eventId, d)));
      chunk.forEach((d, j) => marks[j] !== undefined && settled.add(destinationKey(d)));
    }
    return settled;
  }

  /**
   * True when this event was already planned: in the outbox on its own, settled recently, or
   * carried by a story message (`planned:<id>`). A restart between writing the outbox and moving
   * `emittedThrough` never plans (and sends) an event twice.
   */
  async isPlanned(eventId: string): Promise<boolean> {
    const [entry, done, carried] = await this.kv.getMany([`event:${eventId}`, `done:${eventId}`, `planned:${eventId}`]);
    return entry !== undefined || done !== undefined || carried !== undefined;
  }

  /**
   * True when a message with this id was written (still owed, or settled recently). A story's
   * messages are written one by one; after a crash between two, the re-plan makes the same
   * messages (same ids) and writes only those missing.
   */
  async isWritten(messageId: string): Promise<boolean> {
    const [entry, done] = await this.kv.getMany([`event:${messageId}`, `done:${messageId}`]);
    return entry !== undefined || done !== undefined;
  }

  /**
   * Records every event of a story as planned, once all the story's messages are written: from
   * then on planning skips the story whole, whichever messages carried which event.
   */
  async markPlanned(eventIds: readonly string[], at: string): Promise<void> {
    await Promise.all(eventIds.map((id) => this.kv.set(`planned:${id}`, at, DONE_TTL_MS)));
  }

  /** True when any of these events was recorded as planned (markPlanned). */
  async anyPlanned(eventIds: readonly string[]): Promise<boolean> {
    for (let i = 0; i < eventIds.length; i += MARK_CHUNK) {
      const marks = await this.kv.getMany(eventIds.slice(i, i + MARK_CHUNK).map((id) => `planned:${id}`));
      if (marks.some((m) => m !== undefined)) return true;
    }
    return false;
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
    const settled = await this.settledDests(eventId, entry.dests);
    if (entry.dests.every((d) => settled.has(destinationKey(d)))) await this.forget(entry);
  }

  private async forget(e: OutboxEntry): Promise<void> {
    await this.kv.set(`done:${e.alert.eventId}`, e.createdAt, DONE_TTL_MS);
    await this.kv.delete(`event:${e.alert.eventId}`);
    await Promise.all(e.dests.map((d) => this.kv.delete(markKey(e.alert.eventId, d))));
  }

  private count(key: string): Promise<void> {
    if (this.counters) return this.counters.add(key);
    return this.lock.run(async () => {
      const n = ((await this.kv.get(key)) as number | undefined) ?? 0;
      await this.kv.set(key, n + 1);
    });
  }

  /** Deliveries given up since the store was made (each has its reason in its mark). */
  async droppedTotal(): Promise<number> {
    return this.counted('dropped-count');
  }

  private async counted(key: string): Promise<number> {
    const stored = ((await this.kv.get(key)) as number | undefined) ?? 0;
    return stored + ((await this.counters?.get(key)) ?? 0);
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
    return this.counted(`sent-count:${day}`);
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
