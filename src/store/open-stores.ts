import type Keyv from 'keyv';
import { openKeyv, type OpenOptions } from './open-keyv.js';

/** The keyv namespaces rankwatch keeps in one STORE_URL; `rankwatch reset` clears exactly these. */
export const NAMESPACES = { history: 'rankwatch', settings: 'rankwatch-settings', outbox: 'rankwatch-outbox' } as const;
export type NamespaceRole = keyof typeof NAMESPACES;

export interface StoreSet {
  readonly history: Keyv;
  readonly settings: Keyv;
  readonly outbox: Keyv;
  /** Disconnects each namespace once (a PostgreSQL pool ends after the last). */
  close(): Promise<void>;
}

/** Opens the three namespaces of STORE_URL; when one fails, the ones already open are closed. */
export async function openStores(storeUrl: string, o: OpenOptions = {}): Promise<StoreSet> {
  const opened: Keyv[] = [];
  try {
    for (const namespace of Object.values(NAMESPACES)) opened.push(await openKeyv(storeUrl, namespace, o));
  } catch (error) {
    for (const kv of opened) await kv.disconnect().catch(() => undefined);
    throw error;
  }
  const [history, settings, outbox] = opened;
  let closed: Promise<void> | null = null;
  return {
    history,
    settings,
    outbox,
    close: () => (closed ??= (async () => {
      for (const kv of opened) await kv.disconnect();
    })()),
  };
}
