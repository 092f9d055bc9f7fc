import { createHash } from 'node:crypto';
import { carriedEventIds, type AlertMessage } from '../domain/alert-message.js';
import { RANKINGS_URL } from '../domain/names.js';
import { destinationKey, type Destination } from '../delivery/destination.js';
import type { DeliveryQueue } from '../delivery/queue.js';
import type { Logger } from '../logger.js';
import type { ChannelPrefs } from '../store/channel-prefs.js';
import type { HeldAlert, HeldStore } from '../store/held-store.js';
import { Mutex } from '../store/mutex.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { quietWindowAt } from './local-time.js';

/** Held alerts a catch-up names one line each; the rest are counted in one last line. */
export const CATCH_UP_MAX_LINES = 20;

export interface QuietDeps {
  readonly held: HeldStore;
  readonly outbox: OutboxStore;
  readonly queue: DeliveryQueue;
  readonly prefs: (dest: Destination) => Promise<ChannelPrefs | undefined>;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** In a fleet: true for the one instance that may post this catch-up (its id). */
  readonly claim?: (id: string) => Promise<boolean>;
}

/** The catch-up message of one destination's quiet window: every held alert, one line each. */
export function catchUpMessage(destKey: string, until: string, held: readonly AlertMessage[]): AlertMessage {
  const n = held.length;
  const lines = held.slice(0, CATCH_UP_MAX_LINES).map((a) => a.headline);
  if (n > CATCH_UP_MAX_LINES) lines.push(`… and ${n - CATCH_UP_MAX_LINES} more (see /records)`);
  const last = held.at(-1)!;
  const eventIds = [...new Set(held.flatMap((a) => carriedEventIds(a)))];
  // The same held set gives the same id (a restart after posting never posts it twice); a window
  // released early and held into again gives a new one.
  const digest = createHash('sha256').update(eventIds.join('\n')).digest('hex').slice(0, 10);
  return {
    eventId: `quiet:${destKey}:${until}:${digest}`,
    headline: `While you were quiet: ${n} alert${n === 1 ? '' : 's'}`,
    figures: [],
    url: RANKINGS_URL,
    linkLabel: 'OpenRouter rankings',
    footer: last.footer,
    day: last.day,
    lines,
    eventIds,
  };
}

/**
 * Quiet hours: an instant alert planned for a destination inside its window is held in the store
 * (not sent), and when the window ends everything held is posted as ONE catch-up through the
 * outbox. Each held alert is delivered once, inside its catch-up; none is dropped.
 */
export class QuietHours {
  private readonly lock = new Mutex();

  constructor(private readonly d: QuietDeps) {}

  /**
   * Planning's hook: holds `alert` for the destinations in quiet hours now and returns the others,
   * which are sent as usual. Called before the outbox entry is written, so a crash in between
   * re-plans the event and holds it again under the same key (once).
   */
  async hold(alert: AlertMessage, dests: readonly Destination[]): Promise<Destination[]> {
    const now = this.d.clock();
    const send: Destination[] = [];
    for (const dest of dests) {
      const quiet = (await this.d.prefs(dest))?.quiet;
      const window = quiet ? quietWindowAt(now, quiet) : null;
      if (!window) send.push(dest);
      else await this.d.held.hold(alert, dest, window.end, now.toISOString());
    }
    return send;
  }

  /**
   * Posts what is held: each destination's windows that have ended (all of them with `all`, when
   * quiet hours were turned off or changed), one catch-up per window. Returns how many were posted.
   */
  releaseDue(opts: { dest?: Destination; all?: boolean } = {}): Promise<number> {
    return this.lock.run(async () => {
      const now = this.d.clock().toISOString();
      const windows = new Map<string, HeldAlert[]>();
      for (const h of await this.d.held.list(opts.dest)) {
        if (!opts.all && h.until > now) continue;
        const key = `${destinationKey(h.dest)}|${h.until}`;
        windows.set(key, [...(windows.get(key) ?? []), h]);
      }
      let posted = 0;
      for (const held of windows.values()) if (await this.post(held)) posted++;
      return posted;
    });
  }

  /** Everything held, oldest first. */
  heldList(): Promise<HeldAlert[]> {
    return this.d.held.list();
  }

  private async post(held: HeldAlert[]): Promise<boolean> {
    const dest = held[0].dest;
    const message = catchUpMessage(destinationKey(dest), held[0].until, held.map((h) => h.alert));
    if (this.d.claim && !(await this.d.claim(message.eventId))) return false;
    const fresh = !(await this.d.outbox.isPlanned(message.eventId));
    if (fresh) {
      const createdAt = `${this.d.clock().toISOString()}#quiet`;
      await this.d.outbox.put(message, [dest], createdAt);
      await this.d.queue.enqueue([{ alert: message, dest, createdAt }]);
      this.d.logger.info({ dest: destinationKey(dest), alerts: held.length, eventId: message.eventId }, 'quiet hours ended: catch-up posted');
    }
    // Only once the outbox owes the catch-up are the held alerts let go.
    await this.d.held.remove(held);
    return fresh;
  }
}
