import type Keyv from 'keyv';
import { z } from 'zod';
import { destinationKey, destinationSchema, type Destination } from '../delivery/destination.js';
import type { AlertMessage } from '../domain/alert-message.js';
import { parseStored } from './keyv-history-store.js';
import { alertSchema } from './outbox-store.js';
import { scanPrefix } from './scan-keys.js';

const heldSchema = z.object({ alert: alertSchema, dest: destinationSchema, until: z.string(), at: z.string() });
/** An instant alert held for a destination's quiet hours, until the window's end (`until`, ISO). */
export type HeldAlert = z.infer<typeof heldSchema> & { readonly key: string };

/**
 * Alerts held during quiet hours, one key each (`held:<dest>|<until>|<event id>`), in the outbox's
 * namespace: durable, so a restart keeps them; writing one twice (a re-plan after a crash) is the
 * same key, so it is held once.
 */
export class HeldStore {
  constructor(private readonly kv: Keyv) {}

  async hold(alert: AlertMessage, dest: Destination, until: Date, at: string): Promise<void> {
    const entry = { alert, dest, until: until.toISOString(), at };
    await this.kv.set(heldKey(dest, entry.until, alert.eventId), entry);
  }

  /** Every held alert (of one destination when given), oldest first. */
  async list(dest?: Destination): Promise<HeldAlert[]> {
    const out = new Map<string, HeldAlert>();
    for await (const page of scanPrefix(this.kv, dest ? `held:${destinationKey(dest)}|` : 'held:')) {
      for (const { key, value } of page) out.set(key, { ...parseStored(heldSchema, value, key), key });
    }
    return [...out.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  async remove(entries: readonly HeldAlert[]): Promise<void> {
    await Promise.all(entries.map((e) => this.kv.delete(e.key)));
  }
}

function heldKey(dest: Destination, until: string, eventId: string): string {
  return `held:${destinationKey(dest)}|${until}|${eventId}`;
}
