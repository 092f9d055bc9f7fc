import type Keyv from 'keyv';
import type { Timers } from '../delivery/timers.js';
import { HeldStore } from '../store/held-store.js';
import type { DigestDeps } from './digest.js';
import { QuietHours } from './quiet.js';
import { startSchedules, type Schedules } from './schedules.js';

export interface TimeBasedDeps extends Omit<DigestDeps, 'queue'> {
  readonly queue: DigestDeps['queue'];
  /** The outbox's namespace: held alerts live next to what the outbox owes. */
  readonly outboxKv: Keyv;
  readonly timers: Timers;
}

/**
 * Digests and quiet hours as the composition root wires them: `quiet` is planning's hook (every
 * role that plans holds alerts), `start` arms the clocks (the poller role only).
 */
export function timeBased(d: TimeBasedDeps): { quiet: QuietHours; start(): Promise<Schedules> } {
  const quiet = new QuietHours({ held: new HeldStore(d.outboxKv), outbox: d.outbox, queue: d.queue, prefs: (dest) => d.settings.prefsFor(dest), clock: d.clock, logger: d.logger, ...(d.claim ? { claim: d.claim } : {}) });
  return { quiet, start: () => startSchedules({ settings: d.settings, digests: d, quiet, timers: d.timers, logger: d.logger }) };
}
