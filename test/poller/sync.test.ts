// syncOnce against the OpenRouter stand-in on every keyv backend: a lying answer leaves every key of
// the history namespace as it was, and a store already dated in the future stops with a clear error.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { silentLogger } from '../../src/logger.js';
import { syncOnce, type SyncDeps } from '../../src/poller/sync.js';
import { OpenRouterClient } from '../../src/source/openrouter-client.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { dropModels } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { settledAsOf } from '../support/pipeline.js';
import { announceSkips, BACKENDS } from '../support/stores.js';
import { base, LAST, LIES, NEXT, nextDay } from './lies.js';
import { snapshot } from './snapshot.js';

const OPTS = { settleMinutes: 150, resyncDays: 3 };
beforeAll(announceSkips);

describe.each(BACKENDS)('syncOnce on $name', (backend) => {
  let fake: FakeOpenRouter;
  let store: Awaited<ReturnType<typeof backend.open>>;
  let deps: SyncDeps;
  let today: string;

  beforeEach(async () => {
    fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
    store = await backend.open();
    today = NEXT;
    const source = new OpenRouterClient({ baseUrl: fake.url, apiKey: 'test-key', minIntervalMs: 0, retries: 0 });
    deps = { source, history: new KeyvHistoryStore(store.kv), clock: () => new Date(`${today}T12:00:00.000Z`), logger: silentLogger };
  });
  afterEach(async () => {
    await store.close();
    await fake.close();
  });

  /** The backfill, then NEXT completes at the source. */
  async function synced(): Promise<void> {
    await syncOnce(deps, OPTS);
    fake.setRows(nextDay);
    fake.setLastFinishedDay(NEXT);
    fake.setAsOf(settledAsOf(NEXT));
    today = addDays(NEXT, 1);
  }

  it.each(LIES)('given %s, when synced, then it is refused and every stored key and value is as before', async (_, lie, kind, message) => {
    await synced();
    const before = await snapshot(store.kv);
    fake.lieNext(lie);
    await expect(syncOnce(deps, OPTS)).rejects.toMatchObject({ kind, message: expect.stringMatching(message) });
    expect(await snapshot(store.kv)).toEqual(before);
    expect((await syncOnce(deps, OPTS)).completeThrough).toBe(NEXT);
  });

  it('given a restated day that lost a model, when synced, then it is taken: only whole days may not vanish', async () => {
    await synced();
    fake.setRows(dropModels(nextDay, LAST, 'c/gamma'));
    await syncOnce(deps, OPTS);
    expect((await deps.history.rows()).filter((r) => r.date === LAST).map((r) => r.model)).toEqual(['b/beta', 'a/alpha', 'other']);
  });

  it.each([
    ['complete through 2030-01-01', { completeThrough: '2030-01-01', rows: [] }],
    ['holding data for 2030-01-01', { completeThrough: LAST, rows: [{ date: '2030-01-01', model: 'a/alpha', tokens: 1n }] }],
  ])('given a store %s from before answers were checked, when synced, then it stops naming the problem, before asking OpenRouter', async (field, bad) => {
    await deps.history.saveBatch({ start: LAST, end: '2030-01-01', asOf: settledAsOf(LAST), ...bad }, 'x');
    const before = await snapshot(store.kv);
    const error = await syncOnce(deps, OPTS).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`stored history claims to be ${field}, after the last finished UTC day ${LAST}.*STORE_URL.*rankwatch backfill`));
    expect((error as Error).message).not.toMatch(/Invalid time value/);
    expect(fake.requests).toEqual([]);
    expect(await snapshot(store.kv)).toEqual(before);
  });

  it('given a clock before the data begins, when synced, then it says to check the clock', async () => {
    today = '2025-01-01';
    await expect(syncOnce(deps, OPTS)).rejects.toThrow(/before OpenRouter's data begins \(2025-01-01\); check the system clock/);
  });
});
