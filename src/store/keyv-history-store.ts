import type Keyv from 'keyv';
import { z } from 'zod';
import { buildHistory, type History } from '../domain/history.js';
import { DATA_SOURCES, type DataSource } from '../domain/names.js';
import type { Row } from '../domain/rows.js';
import type { ModelInfo } from '../source/source.js';
import type { HistoryMeta, HistoryStore, ModelName, SyncBatch } from './history-store.js';
import { Mutex } from './mutex.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const manifestSchema = z.object({
  version: z.number().int().nonnegative(),
  /** Month (`2026-04`) → the key of that month's current chunk. */
  chunks: z.record(z.string(), z.string()),
  completeThrough: day,
  asOf: z.string(),
  lastDay: day,
  syncedAt: z.string(),
  /** Where the rows came from; also tells a deleted store:identity from a store that predates it. */
  source: z.enum(DATA_SOURCES).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;
const chunkSchema = z.array(z.tuple([day, z.string(), z.string().regex(/^\d+$/)]));
const namesSchema = z.object({ fetchedAt: z.string().nullable(), models: z.record(z.string(), z.object({ id: z.string(), name: z.string() })) });

export const MANIFEST_KEY = 'history:manifest';
const MANIFEST = MANIFEST_KEY;
const NAMES = 'history:names';

/**
 * Chart history in keyv, one chunk per month. keyv has no transactions, so a sync writes new
 * chunk versions under new keys and then flips one manifest key: a crash before the flip leaves
 * the previous history whole, and readers never see half a batch.
 */
export class KeyvHistoryStore implements HistoryStore {
  private readonly lock = new Mutex();
  private cached: { version: number; rows: Row[]; history: History } | null = null;

  /** `source`: where this store's history comes from (its store:identity), shown in every attribution. */
  constructor(
    private readonly kv: Keyv,
    private readonly source: DataSource = 'openrouter',
  ) {}

  async meta(): Promise<HistoryMeta | null> {
    const m = await this.manifest();
    return m && { completeThrough: m.completeThrough, asOf: m.asOf, lastDay: m.lastDay, syncedAt: m.syncedAt, source: this.source };
  }

  saveBatch(batch: SyncBatch, syncedAt: string): Promise<void> {
    return this.lock.run(async () => {
      checkRows(batch);
      const old = await this.manifest();
      const version = (old?.version ?? 0) + 1;
      const chunks = { ...(old?.chunks ?? {}) };
      const replaced: string[] = [];
      // A day is replaced only by the batch's rows for it: a day the batch has no rows for is kept.
      const fresh = new Map<string, [string, string, string][]>();
      for (const r of batch.rows) {
        const month = r.date.slice(0, 7);
        if (!fresh.has(month)) fresh.set(month, []);
        fresh.get(month)!.push([r.date, r.model, r.tokens.toString()]);
      }
      for (const [month, rows] of fresh) {
        const days = new Set(rows.map((r) => r[0]));
        const kept = old?.chunks[month] ? (await this.chunk(old.chunks[month])).filter((r) => !days.has(r[0])) : [];
        const key = `history:chunk:${month}:v${version}`;
        await this.kv.set(key, [...kept, ...rows].sort(byDate));
        if (chunks[month]) replaced.push(chunks[month]);
        chunks[month] = key;
      }
      const lastRow = batch.rows.reduce((m, r) => (r.date > m ? r.date : m), old?.lastDay ?? '');
      const manifest: Manifest = { version, chunks, completeThrough: batch.completeThrough, asOf: batch.asOf, lastDay: lastRow || batch.completeThrough, syncedAt, source: this.source };
      await this.kv.set(MANIFEST, manifest);
      await Promise.all(replaced.map((k) => this.kv.delete(k)));
    });
  }

  async daysHeld(start: string, end: string): Promise<ReadonlyMap<string, number>> {
    const held = new Map<string, number>();
    const m = await this.manifest();
    if (!m) return held;
    for (const month of monthsBetween(start, end)) {
      if (!m.chunks[month]) continue;
      for (const [date] of await this.chunk(m.chunks[month])) if (date >= start && date <= end) held.set(date, (held.get(date) ?? 0) + 1);
    }
    return held;
  }

  async rows(): Promise<Row[]> {
    return (await this.load()).rows;
  }

  async history(): Promise<History> {
    return (await this.load()).history;
  }

  async saveNames(models: readonly ModelInfo[], fetchedAt: string): Promise<void> {
    await this.lock.run(async () => {
      const current = await this.readNames();
      for (const m of models) current.models[m.canonicalSlug] = { id: m.id, name: m.name };
      await this.kv.set(NAMES, { fetchedAt, models: current.models });
    });
  }

  async names(): Promise<ReadonlyMap<string, ModelName>> {
    return new Map(Object.entries((await this.readNames()).models));
  }

  async namesFetchedAt(): Promise<string | null> {
    return (await this.readNames()).fetchedAt;
  }

  private async readNames(): Promise<z.infer<typeof namesSchema>> {
    const raw = await read(this.kv, NAMES);
    return raw === undefined ? { fetchedAt: null, models: {} } : parseStored(namesSchema, raw, NAMES);
  }

  private async manifest(): Promise<Manifest | null> {
    const raw = await read(this.kv, MANIFEST);
    return raw === undefined ? null : parseStored(manifestSchema, raw, MANIFEST);
  }

  private async chunk(key: string): Promise<z.infer<typeof chunkSchema>> {
    const raw = await read(this.kv, key);
    if (raw === undefined) throw new Error(`stored history is missing ${key}; restore the store or run \`rankwatch reset\` and start again`);
    return parseStored(chunkSchema, raw, key);
  }

  private async load(): Promise<{ rows: Row[]; history: History }> {
    const m = await this.manifest();
    if (!m) return { rows: [], history: buildHistory([]) };
    if (this.cached?.version === m.version) return this.cached;
    const keys = Object.values(m.chunks).sort();
    const chunks = await Promise.all(keys.map((k) => this.chunk(k)));
    const rows = chunks.flat().map(([date, model, tokens]) => ({ date, model, tokens: BigInt(tokens) }));
    this.cached = { version: m.version, rows, history: buildHistory(rows, m.completeThrough) };
    return this.cached;
  }
}

function monthsBetween(start: string, end: string): string[] {
  const months: string[] = [];
  for (let m = start.slice(0, 7); m <= end.slice(0, 7); ) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return months;
}

/** The source layer checks these already; a batch that breaks them is a bug, and must not corrupt the store. */
function checkRows(batch: SyncBatch): void {
  const seen = new Set<string>();
  for (const r of batch.rows) {
    if (r.date < batch.start || r.date > batch.end) throw new Error(`history batch ${batch.start}..${batch.end} has a row outside it: ${r.date} ${r.model}`);
    const key = `${r.date}\u0000${r.model}`;
    if (seen.has(key)) throw new Error(`history batch has (${r.date}, ${r.model}) twice`);
    seen.add(key);
  }
}

const byDate = (a: [string, string, string], b: [string, string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A value keyv cannot decode (not JSON) names its key, like a value that fails its schema. */
async function read(kv: Keyv, key: string): Promise<unknown> {
  try {
    return await kv.get(key);
  } catch (error) {
    throw new Error(`stored value ${key} cannot be read: ${(error as Error).message}`);
  }
}

/** Values read back from the store are checked too: a corrupt value stops with its key named. */
export function parseStored<T>(schema: z.ZodType<T>, raw: unknown, key: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored value ${key} is corrupt: ${parsed.error.issues[0].message}`);
  return parsed.data;
}
