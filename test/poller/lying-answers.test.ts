// OpenRouter answers that parse but lie, each run through the real poll → detect → outbox → delivery
// path on SQLite: refused whole with an error naming the lie, the history namespace untouched key for
// key, and the next honest answer delivering exactly what a run without the lie delivers.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { carriedEventIds } from '../../src/domain/alert-message.js';
import { addDays } from '../../src/domain/calendar.js';
import type { Destination } from '../../src/delivery/destination.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { DEFAULT_ALERT_TYPES } from '../../src/store/settings-store.js';
import { startFakeOpenRouter, type Lie } from '../fakes/openrouter.js';
import { CapturingNotifier, openPipeline, settledAsOf } from '../support/pipeline.js';
import { base, LAST, LIES, NEXT, nextDay } from './lies.js';
import { snapshot } from './snapshot.js';

const channel: Destination = { kind: 'discord-channel', channelId: '100000000000000001' };
const person = { platform: 'discord' as const, userId: '200000000000000002' };

type Opened = { close(): Promise<void> };
let open: Opened[] = [];
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

/** Backfill, let NEXT complete, optionally serve one lie (which must be refused), then poll honestly. */
async function run(lie?: { lie: Lie; kind: string; message: RegExp }): Promise<string[]> {
  let today = addDays(LAST, 1);
  const fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
  open.push(fake);
  const notifier = new CapturingNotifier();
  const pipe = await openPipeline({ openRouterUrl: fake.url, today: () => today, notifiers: [notifier] });
  open.push(pipe);
  await pipe.settings.setAlerts({ dest: channel, types: [...DEFAULT_ALERT_TYPES], charts: ['daily', 'weekly', 'monthly', 'trending'], by: person, at: 'x' });
  await pipe.poller.pollOnce();
  fake.setRows(nextDay);
  fake.setLastFinishedDay(NEXT);
  fake.setAsOf(settledAsOf(NEXT));
  today = addDays(NEXT, 1);
  if (lie) {
    const kv = await openKeyv(`sqlite://${join(pipe.dir, 'store.sqlite')}`, 'rankwatch');
    open.push({ close: () => kv.disconnect() });
    const before = await snapshot(kv);
    expect(before.length).toBeGreaterThan(2);
    fake.lieNext(lie.lie);
    await expect(pipe.poller.pollOnce()).rejects.toMatchObject({ name: 'SourceError', kind: lie.kind, message: expect.stringMatching(lie.message) });
    expect(await snapshot(kv)).toEqual(before);
    expect((await pipe.outbox.pollState()).lastSyncError).toMatch(lie.message);
    await pipe.deliverer.idle();
    expect(notifier.sent).toEqual([]);
  }
  await pipe.poller.pollOnce();
  await pipe.deliverer.idle();
  return notifier.sent.flatMap((s) => carriedEventIds(s.alert).map((id) => `${s.dest} ${id}`)).sort();
}

describe('Poller given a lying OpenRouter answer', () => {
  let faultFree: string[];
  beforeAll(async () => {
    faultFree = await run();
    for (const o of open.reverse()) await o.close();
    open = [];
  });

  it('given no lie, then the new day yields beta\'s third straight day, its record, and gamma\'s milestone', () => {
    const ids = faultFree.map((s) => s.split(' ')[1]);
    expect(ids).toEqual(expect.arrayContaining([`streak:daily:${NEXT}:b/beta:3`, `record_day:daily:${NEXT}:b/beta`, `milestone:daily:${NEXT}:c/gamma:250000000000`]));
  });

  it.each(LIES)('given %s, then it is refused whole, the store is untouched, and the next honest answer delivers exactly the fault-free alerts', async (_, lie, kind, message) => {
    expect(await run({ lie, kind, message })).toEqual(faultFree);
  });
});
