import { destinationKey, type Destination } from '../delivery/destination.js';
import type { Timers } from '../delivery/timers.js';
import type { Logger } from '../logger.js';
import type { SettingsStore } from '../store/settings-store.js';
import { postDigest, type DigestDeps } from './digest.js';
import { LocalScheduler } from './local-scheduler.js';
import { nextLocalTime, WEEKLY_DIGEST_WEEKDAY } from './local-time.js';
import type { QuietHours } from './quiet.js';

export interface SchedulesDeps {
  readonly settings: SettingsStore;
  readonly digests: DigestDeps;
  readonly quiet: QuietHours;
  readonly timers: Timers;
  readonly logger: Logger;
}

export interface Schedules {
  /** Re-reads every destination's prefs and re-arms what changed (also called on every settings change). */
  reconcile(): Promise<void>;
  stop(): void;
}

/**
 * The digest and quiet-hours clocks of every destination, owned by the poller role: one job per
 * destination and kind, armed from the stored prefs and re-armed when they change (a local write
 * via onChange, another instance's via the settings bus's refreshKeys, a reload via onRefresh).
 * At start, quiet windows that ended while nothing ran are released.
 */
export async function startSchedules(d: SchedulesDeps): Promise<Schedules> {
  const scheduler = new LocalScheduler(d.timers, (key, error) => d.logger.error({ err: error, job: key }, 'scheduled digest or quiet-hours release failed'));
  let chain: Promise<void> = Promise.resolve();
  const releaseDue = () => d.quiet.releaseDue().then(() => undefined);

  const apply = async () => {
    const wanted = new Set<string>();
    for (const prefs of await d.settings.allPrefs()) {
      const key = destinationKey(prefs.dest);
      if (prefs.digest) {
        const pref = prefs.digest;
        const weekday = pref.every === 'weekly' ? WEEKLY_DIGEST_WEEKDAY : undefined;
        wanted.add(`digest:${key}`);
        scheduler.arm(`digest:${key}`, JSON.stringify(pref), (after) => nextLocalTime(after, pref.time, pref.timeZone, weekday), async () => {
          const outcome = await postDigest(d.digests, prefs.dest, pref);
          d.logger.debug({ dest: key, outcome }, 'digest due');
        });
      }
      if (prefs.quiet) {
        const q = prefs.quiet;
        const job = `quiet:${key}`;
        const before = scheduler.signature(job);
        wanted.add(job);
        scheduler.arm(job, JSON.stringify(q), (after) => nextLocalTime(after, q.to, q.timeZone), releaseDue);
        // A changed window: what was held under the old one goes now rather than at an end no clock watches.
        if (before !== undefined && before !== JSON.stringify(q)) await d.quiet.releaseDue({ dest: prefs.dest, all: true });
      }
    }
    for (const job of scheduler.keys()) if (!wanted.has(job)) scheduler.cancel(job);
    // Quiet hours turned off (here or on another instance): what is held goes now.
    const quietDests = new Set((await d.settings.allPrefs()).filter((p) => p.quiet).map((p) => destinationKey(p.dest)));
    for (const h of await heldElsewhere(d, quietDests)) await d.quiet.releaseDue({ dest: h, all: true });
  };
  const reconcile = () => (chain = chain.then(apply).catch((error: unknown) => d.logger.error({ err: error }, 'could not re-arm digests and quiet hours')));
  const offChange = d.settings.onChange((keys) => {
    if (keys.some((k) => k.startsWith('prefs:'))) void reconcile();
  });
  const offRefresh = d.settings.onRefresh(() => void reconcile());
  await releaseDue();
  await reconcile();
  return {
    reconcile,
    stop() {
      offChange();
      offRefresh();
      scheduler.stop();
    },
  };
}

/** Destinations with held alerts but no quiet hours any more. */
async function heldElsewhere(d: SchedulesDeps, quietDests: ReadonlySet<string>) {
  const out = new Map<string, Destination>();
  for (const h of await d.quiet.heldList()) if (!quietDests.has(destinationKey(h.dest))) out.set(destinationKey(h.dest), h.dest);
  return [...out.values()];
}
