import type Keyv from 'keyv';
import { z } from 'zod';
import { DATA_SOURCES, type DataSource } from '../domain/names.js';
import { NAMESPACES, type NamespaceRole, type StoreSet } from './open-stores.js';

/** Written in every rankwatch namespace of a store: what made it, and where its history came from. */
export const IDENTITY_KEY = 'store:identity';
export const STORE_FORMAT = 1;
export const POLL_STATE_KEY = 'poll:state';

const identitySchema = z.object({
  app: z.literal('rankwatch'),
  format: z.number().int().positive(),
  source: z.enum(DATA_SOURCES),
  createdAt: z.string(),
});
export type StoreIdentity = z.infer<typeof identitySchema>;

/** Why a stored identity cannot be used, or null when it can. */
export function identityProblem(raw: unknown): string | null {
  const parsed = identitySchema.safeParse(raw);
  if (!parsed.success) return 'is not a rankwatch store identity (another program\'s data, or damaged)';
  if (parsed.data.format > STORE_FORMAT) return `was written by a newer rankwatch (store format ${parsed.data.format}, this one reads ${STORE_FORMAT}): upgrade rankwatch`;
  return null;
}

export const asIdentity = (raw: unknown): StoreIdentity => identitySchema.parse(raw);

/**
 * Marks a store as rankwatch's, holding `source` data. poll:state is written first and the history
 * namespace's identity last, so a kill part-way leaves a store that still reads as unfilled.
 */
export async function writeIdentity(s: StoreSet, identity: StoreIdentity, pollStateMissing: boolean): Promise<void> {
  if (pollStateMissing) await s.outbox.set(POLL_STATE_KEY, { emittedThrough: null, lastSyncAt: null, lastSyncError: null, lastSuccessAt: null });
  for (const role of ['outbox', 'settings', 'history'] as const) await s[role].set(IDENTITY_KEY, identity);
}

/** True when the namespace holds any key besides `except` (reads one key at most). */
export async function holdsMore(kv: Keyv, except: readonly string[]): Promise<boolean> {
  for await (const [key] of kv.iterator!(kv.namespace)) if (!except.includes(String(key))) return true;
  return false;
}

export const namespaceOf = (role: NamespaceRole) => NAMESPACES[role];
export type { DataSource };
