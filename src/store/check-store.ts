import { z } from 'zod';
import { DATA_SOURCES, type DataSource } from '../domain/names.js';
import type { Logger } from '../logger.js';
import { SampleSource } from '../source/sample-source.js';
import { DATA_START } from '../source/source.js';
import { MANIFEST_KEY } from './keyv-history-store.js';
import { NAMESPACES, type NamespaceRole, type StoreSet } from './open-stores.js';
import { redactUrl, StoreError } from './store-error.js';
import { asIdentity, holdsMore, IDENTITY_KEY, identityProblem, POLL_STATE_KEY, STORE_FORMAT, writeIdentity, type StoreIdentity } from './store-identity.js';

export interface CheckOptions {
  readonly storeUrl: string;
  /** Where new data would come from: OpenRouter (a key is set) or the bundled sample. */
  readonly source: DataSource;
  /** `start` and `backfill` write; `leaderboard` and `replay` only read. */
  readonly write: boolean;
  readonly logger: Logger;
  readonly clock: () => Date;
}

const manifestShape = z.object({ chunks: z.record(z.string(), z.string()), asOf: z.string(), source: z.enum(DATA_SOURCES).optional() }).passthrough();
const pollShape = z.object({ emittedThrough: z.string().nullable() }).passthrough();
const ROLES = ['history', 'settings', 'outbox'] as const;

/**
 * Decides, before anything reads or writes, whether a store may be used: damaged state (a missing
 * poll:state, manifest, identity or chunk) and sample/live mixing are refused with the key named,
 * never read as a fresh start. Only a store with nothing worth keeping starts afresh. Returns where
 * the store's history comes from.
 */
export async function checkStore(s: StoreSet, o: CheckOptions): Promise<DataSource> {
  const where = `the store at STORE_URL=${redactUrl(o.storeUrl)}`;
  const damaged = (what: string) => new StoreError(`${where} ${what}: restore it from a backup, or run \`rankwatch reset\` to start over (or use another STORE_URL)`);
  const read = async <T>(role: NamespaceRole, key: string, shape: z.ZodType<T> | null): Promise<T | undefined> => {
    let raw: unknown;
    try {
      raw = await s[role].get(key);
    } catch (error) {
      throw damaged(`has an unreadable ${key} (namespace ${NAMESPACES[role]}: ${(error as Error).message})`);
    }
    if (raw === undefined || shape === null) return raw as T | undefined;
    const parsed = shape.safeParse(raw);
    if (!parsed.success) throw damaged(`has a corrupt ${key} (namespace ${NAMESPACES[role]})`);
    return parsed.data;
  };
  const ids = new Map<NamespaceRole, StoreIdentity>();
  for (const role of ROLES) {
    const raw = await read(role, IDENTITY_KEY, null);
    if (raw === undefined) continue;
    const problem = identityProblem(raw);
    if (problem) throw new StoreError(`${where} is not usable: its ${IDENTITY_KEY} (namespace ${NAMESPACES[role]}) ${problem}`);
    ids.set(role, asIdentity(raw));
  }
  const manifest = await read('history', MANIFEST_KEY, manifestShape);
  const poll = await read('outbox', POLL_STATE_KEY, pollShape);
  const emitted = poll?.emittedThrough ?? null;
  const more = async (role: NamespaceRole, except: string[]) => holdsMore(s[role], except).catch((error: Error) => Promise.reject(damaged(`cannot be listed (namespace ${NAMESPACES[role]}: ${error.message})`)));
  const hasValue = manifest !== undefined || emitted !== null || (await more('settings', [IDENTITY_KEY])) || (await more('outbox', [IDENTITY_KEY, POLL_STATE_KEY]));

  if (!hasValue) {
    // Nothing worth keeping (an empty store, or a first run that never finished): start afresh.
    if (o.write) {
      await writeIdentity(s, { app: 'rankwatch', format: STORE_FORMAT, source: o.source, createdAt: o.clock().toISOString() }, poll === undefined);
      if (ids.size === 0) o.logger.warn({ store: redactUrl(o.storeUrl), source: o.source }, 'the store is empty: first run, backfilling history silently (no alerts for past days)');
    }
    return o.source;
  }
  const identity = ids.size > 0 ? consistent(ids, damaged) : await legacy(manifest, o, damaged);
  if (!poll) throw damaged(`has history but no ${POLL_STATE_KEY} (namespace ${NAMESPACES.outbox}), so it cannot tell which alerts were already sent`);
  if (!manifest && emitted !== null) throw damaged(`has sent alerts through ${emitted} but no ${MANIFEST_KEY} (namespace ${NAMESPACES.history})`);
  if (manifest?.source && manifest.source !== identity.source) throw damaged(`has ${MANIFEST_KEY} from ${manifest.source} but ${IDENTITY_KEY} says ${identity.source}`);
  for (const key of Object.values(manifest?.chunks ?? {})) {
    if (!(await s.history.has(key))) throw damaged(`is missing the history chunk ${key} (namespace ${NAMESPACES.history}) its ${MANIFEST_KEY} lists`);
  }
  if (o.write && identity.source !== o.source) throw mixing(where, identity.source);
  if (o.write && ids.size === 0) {
    await writeIdentity(s, identity, false);
    o.logger.warn({ store: redactUrl(o.storeUrl), source: identity.source }, `the store predates ${IDENTITY_KEY}: recorded it as holding ${identity.source} data`);
  }
  return identity.source;
}

/** Every namespace must carry the same identity: one missing means that namespace was deleted. */
function consistent(ids: Map<NamespaceRole, StoreIdentity>, damaged: (what: string) => StoreError): StoreIdentity {
  const [first] = ids.values();
  for (const role of ROLES) {
    const id = ids.get(role);
    if (!id) throw damaged(`has history but no ${IDENTITY_KEY} in namespace ${NAMESPACES[role]} (were its ${role} keys deleted?)`);
    if (id.source !== first.source || id.createdAt !== first.createdAt) throw damaged(`has a different ${IDENTITY_KEY} in namespace ${NAMESPACES[role]}`);
  }
  return first;
}

/**
 * A store written before identities existed. A manifest that records its source was written after,
 * so its identity was deleted. Otherwise the history's as_of tells the bundled sample apart.
 */
async function legacy(manifest: z.infer<typeof manifestShape> | undefined, o: CheckOptions, damaged: (what: string) => StoreError): Promise<StoreIdentity> {
  if (manifest?.source) throw damaged(`has history but no ${IDENTITY_KEY} (namespace ${NAMESPACES.history})`);
  let source = o.source;
  if (manifest) source = manifest.asOf === (await new SampleSource().fetchDaily({ start: DATA_START, end: DATA_START })).meta.asOf ? 'sample' : 'openrouter';
  return { app: 'rankwatch', format: STORE_FORMAT, source, createdAt: o.clock().toISOString() };
}

function mixing(where: string, held: DataSource): StoreError {
  if (held === 'sample') {
    return new StoreError(`${where} holds the bundled sample data (it was filled without OPENROUTER_API_KEY), and live OpenRouter data is never mixed into it: run \`rankwatch reset\` to clear it, or set STORE_URL to another store`);
  }
  return new StoreError(`${where} holds OpenRouter data, and the bundled sample is never mixed into it: set OPENROUTER_API_KEY, or set STORE_URL to another store (without STORE_URL the sample uses sqlite://data/sample.sqlite)`);
}
