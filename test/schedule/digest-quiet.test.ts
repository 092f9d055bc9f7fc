// Digests and quiet hours against real stores (SQLite), the command world's 35-day history, and a
// queue that records what it is handed: what goes into the outbox, and when.
import type Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { destinationKey, type Destination } from '../../src/delivery/destination.js';
import { planFanOut } from '../../src/delivery/fan-out.js';
import type { DeliveryQueue } from '../../src/delivery/queue.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { silentLogger } from '../../src/logger.js';
import { postDigest, type DigestDeps } from '../../src/schedule/digest.js';
import { QuietHours } from '../../src/schedule/quiet.js';
import { startSchedules } from '../../src/schedule/schedules.js';
import { HeldStore } from '../../src/store/held-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore, type PendingDelivery } from '../../src/store/outbox-store.js';
import { DEFAULT_ALERT_TYPES, SettingsStore } from '../../src/store/settings-store.js';
import { CHART_NAMES } from '../../src/domain/charts.js';
import { ManualClock } from '../support/manual-clock.js';
import { LAST, member, openWorld, type World } from '../commands/world.js';

const C1: Destination = { kind: 'discord-channel', channelId: 'c1', guildId: 'g1' };
const C2: Destination = { kind: 'discord-channel', channelId: 'c2', guildId: 'g1' };
const BY = member('mod', { manager: true }).user;
const HOUR = 3600_000;

let world: World;
let kv: Keyv;
let outbox: OutboxStore;
let queued: PendingDelivery[];
const queue: DeliveryQueue = { resume: async () => 0, enqueue: (items) => void queued.push(...items), pendingCount: () => 0, inFlight: () => 0, idle: async () => {}, settledWithin: () => true, stop: async () => {} };

beforeEach(async () => {
  world = await openWorld();
  kv = await openKeyv(world.url, 'outbox-test');
  outbox = new OutboxStore(kv);
  queued = [];
  const at = '2026-04-01T00:00:00.000Z';
  for (const dest of [C1, C2]) await world.services.settings.setAlerts({ dest, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by: BY, at });
});
afterEach(async () => {
  await kv.disconnect();
  await world.close();
});

function digestDeps(clock: () => Date): DigestDeps {
  return { settings: world.services.settings, outbox, queue, charts: world.services.charts, implicitAlerts: () => [], clock, logger: silentLogger };
}

describe('postDigest', () => {
  it('given a daily digest, then the last complete day is recapped once: top 10 with moves, and that day’s alerts as lines', async () => {
    const deps = digestDeps(() => new Date('2026-04-06T09:00:00Z'));
    expect(await postDigest(deps, C1, { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'instead' })).toBe('posted');
    expect(queued).toHaveLength(1);
    const { alert, dest } = queued[0];
    expect(dest).toEqual(C1);
    expect(alert.eventId).toBe(`digest:discord:channel:c1:${LAST}`);
    expect(alert.headline).toBe(`Daily recap, ${LAST} (UTC): Qwen3.6 Plus leads, ${alert.eventIds?.length ?? 0} alert${alert.eventIds?.length === 1 ? '' : 's'}`);
    expect(alert.figures).toHaveLength(8); // the day's whole chart: 8 models (top 10 at most)
    expect(alert.figures[0][0]).toBe('#1 Qwen3.6 Plus');
    expect(alert.figures[0][1]).toMatch(/^\d+(\.\d+)?[TB] = \+\d+\.\d%$/);
    const view = await world.services.charts();
    const dayEvents = view.events.filter((e) => e.day === LAST && (DEFAULT_ALERT_TYPES as readonly string[]).includes(e.type));
    expect(alert.eventIds).toEqual(dayEvents.map((e) => e.id));
    expect(alert.lines).toHaveLength(Math.max(1, dayEvents.length));
    expect(await outbox.pending()).toEqual([expect.objectContaining({ dest: C1, alert: expect.objectContaining({ eventId: alert.eventId }) })]);
    // A second run (a restart, another instance, a day without new data): nothing more.
    expect(await postDigest(deps, C1, { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'instead' })).toBe('already posted');
    expect(queued).toHaveLength(1);
  });

  it('given a weekly digest, then it recaps the last complete ISO week with every alert of its days', async () => {
    await postDigest(digestDeps(() => new Date('2026-04-06T09:00:00Z')), C2, { every: 'weekly', time: '09:00', timeZone: 'UTC', mode: 'also' });
    const { alert } = queued[0];
    expect(alert.eventId).toBe('digest:discord:channel:c2:2026-W14');
    expect(alert.headline).toMatch(/^Weekly recap, 2026-W14 \(2026-03-30 to 2026-04-05, UTC\): Qwen3\.6 Plus leads, \d+ alerts$/);
    const view = await world.services.charts();
    const weekEvents = view.events.filter((e) => e.day >= '2026-03-30' && e.day <= LAST && (DEFAULT_ALERT_TYPES as readonly string[]).includes(e.type));
    expect(weekEvents.length).toBeGreaterThan(1);
    expect(alert.eventIds).toEqual(weekEvents.map((e) => e.id));
  });

  it('given mode instead, then planning leaves the channel out of instant alerts; also keeps it in', async () => {
    const settings = world.services.settings;
    await settings.updatePrefs(C1, { digest: { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'instead' } }, BY, 'x');
    await settings.updatePrefs(C2, { digest: { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'also' } }, BY, 'x');
    const event = (await world.services.charts()).events.find((e) => e.type === 'new_leader')!;
    expect(planFanOut(event, await settings.audience()).map(destinationKey)).toEqual(['discord:channel:c2']);
  });
});

describe('digest schedules', () => {
  it('given another instance writes a digest (the settings bus calls refreshKeys here), then this poller arms it and posts at its time', async () => {
    const clock = new ManualClock(Date.parse('2026-04-06T08:00:00Z'));
    const here = new SettingsStore(await world.reopen());
    const deps = { ...digestDeps(clock.date), settings: here };
    const schedules = await startSchedules({ settings: here, digests: deps, quiet: new QuietHours({ held: new HeldStore(kv), outbox, queue, prefs: (d) => here.prefsFor(d), clock: clock.date, logger: silentLogger }), timers: clock, logger: silentLogger });
    await world.services.settings.updatePrefs(C1, { digest: { every: 'daily', time: '09:00', timeZone: 'UTC', mode: 'also' } }, BY, 'x');
    const refreshed = vi.fn();
    here.onRefresh(refreshed);
    await here.refreshKeys([`prefs:${destinationKey(C1)}`]);
    expect(refreshed).toHaveBeenCalledTimes(1); // startSchedules listens the same way
    await schedules.reconcile(); // waits for the re-arm that refresh started
    await clock.advance(HOUR - 1);
    expect(queued).toEqual([]);
    await clock.advance(1);
    await vi.waitFor(() => expect(queued.map((q) => q.alert.eventId)).toEqual([`digest:discord:channel:c1:${LAST}`]));
    schedules.stop();
  });
});

describe('quiet hours', () => {
  const alert = (id: string): AlertMessage => ({ eventId: id, headline: `Headline ${id}`, figures: [], url: 'https://openrouter.ai/rankings', linkLabel: 'x', footer: 'Source: OpenRouter', day: LAST });

  it('given alerts planned inside 22:00-07:00 Paris, then they are held (a restart keeps them) and posted as ONE catch-up at 07:00', async () => {
    const clock = new ManualClock(Date.parse('2026-04-05T21:30:00Z')); // 23:30 in Paris (CEST)
    await world.services.settings.updatePrefs(C1, { quiet: { from: '22:00', to: '07:00', timeZone: 'Europe/Paris' } }, BY, 'x');
    const quiet = () => new QuietHours({ held: new HeldStore(kv), outbox, queue, prefs: (d) => world.services.settings.prefsFor(d), clock: clock.date, logger: silentLogger });
    const first = quiet();
    expect(await first.hold(alert('a'), [C1, C2])).toEqual([C2]);
    await clock.advance(3600_000);
    expect(await first.hold(alert('b'), [C1])).toEqual([]);
    expect(await first.hold(alert('b'), [C1])).toEqual([]); // planned again after a crash: held once
    // A restart: a new process (new QuietHours, same store) arms the schedules.
    const schedules = await startSchedules({ settings: world.services.settings, digests: digestDeps(clock.date), quiet: quiet(), timers: clock, logger: silentLogger });
    await clock.advance(Date.parse('2026-04-06T04:59:00Z') - clock.now());
    expect(queued).toEqual([]);
    await clock.advance(60_000); // 07:00 in Paris
    await new Promise((r) => setTimeout(r, 50));
    schedules.stop();
    expect(queued).toHaveLength(1);
    expect(queued[0].dest).toEqual(C1);
    expect(queued[0].alert).toMatchObject({ headline: 'While you were quiet: 2 alerts', lines: ['Headline a', 'Headline b'], eventIds: ['a', 'b'] });
    expect(await new HeldStore(kv).list()).toEqual([]);
    expect(await quiet().releaseDue({ all: true })).toBe(0);
  });

  it('given quiet hours turned off with alerts held, then what is held is posted at once', async () => {
    const clock = new ManualClock(Date.parse('2026-04-05T12:30:00Z'));
    const settings = world.services.settings;
    await settings.updatePrefs(C1, { quiet: { from: '12:00', to: '14:00', timeZone: 'UTC' } }, BY, 'x');
    const quiet = new QuietHours({ held: new HeldStore(kv), outbox, queue, prefs: (d) => settings.prefsFor(d), clock: clock.date, logger: silentLogger });
    const schedules = await startSchedules({ settings, digests: digestDeps(clock.date), quiet, timers: clock, logger: silentLogger });
    await quiet.hold(alert('a'), [C1]);
    await settings.updatePrefs(C1, { quiet: null }, BY, 'x');
    await schedules.reconcile();
    schedules.stop();
    expect(queued.map((q) => q.alert.headline)).toEqual(['While you were quiet: 1 alert']);
  });
});
