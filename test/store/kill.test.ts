import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../src/domain/calendar.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { openStores } from '../../src/store/open-stores.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { announceSkips } from '../support/stores.js';
import { isolatedStores } from './isolated-store.js';

const STORES = await isolatedStores('kill', 14);
const ALERT = "🔔 beta takes #1 on the daily chart with 700B tokens, ending alpha's 40-day reign";

function child(storeUrl: string, openRouterUrl: string, killAfter: number | 'emitted') {
  const proc = spawn(process.execPath, ['bin/run-ts.js', 'test/store/kill-child.ts', storeUrl, openRouterUrl, String(killAfter)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  return new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, out })));
}

beforeAll(announceSkips);

/**
 * kill -9 during the backfill and during a sync's writes: a restart has the same history and every alert.
 * The three stores run at once (each has its own store and OpenRouter stand-in); a store's tests run in order.
 */
describe.concurrent.each(STORES)('rankwatch killed mid-write on $name', (store) => {
  const yesterday = addDays(dayOf(new Date()), -1);
  const rows = setDay(days(addDays(yesterday, -40), 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
  });
  afterAll(async () => {
    await fake.close();
    await store.drop();
  });
  const stored = async () => {
    const s = await openStores(store.url);
    const got = (await new KeyvHistoryStore(s.history).rows()).map((r) => `${r.date} ${r.model} ${r.tokens}`);
    await s.close();
    return got.sort();
  };

  it.sequential('given kills during the backfill and during the next sync, when restarted, then history matches the source and the alert arrives once', async () => {
    const killedBackfill = await child(store.url, fake.url, 1);
    expect(killedBackfill.signal, killedBackfill.out).toBe('SIGKILL');
    const backfill = await child(store.url, fake.url, 0);
    expect(backfill.code, backfill.out).toBe(0);
    expect(backfill.out).not.toContain('🔔');
    expect(await stored()).toEqual(rows.map((r) => `${r.date} ${r.model} ${r.tokens}`).sort());

    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`); // yesterday settles: its alert is due
    for (const killAfter of [1, 2]) {
      // Part-way through the sync's writes: after its first chunk, then one write later (a second chunk or the manifest flip).
      const killed = await child(store.url, fake.url, killAfter);
      expect(killed.signal, killed.out).toBe('SIGKILL');
      expect(killed.out).not.toContain('🔔');
    }
    const resumed = await child(store.url, fake.url, 0);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out.split(ALERT).length - 1).toBe(1);
    expect(await stored()).toEqual(rows.map((r) => `${r.date} ${r.model} ${r.tokens}`).sort());
    const again = await child(store.url, fake.url, 0);
    expect(again.out).not.toContain('🔔');
  }, 120_000);

  it.sequential('given a kill after the outbox holds the alerts but before emittedThrough moves, when restarted, then the alert is planned once and sent once', async () => {
    await store.wipe();
    fake.setAsOf(`${yesterday}T03:00:00.000Z`); // yesterday not yet settled at the backfill
    const backfill = await child(store.url, fake.url, 0);
    expect(backfill.code, backfill.out).toBe(0);
    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    const killed = await child(store.url, fake.url, 'emitted');
    expect(killed.signal, killed.out).toBe('SIGKILL');
    expect(killed.out).not.toContain('🔔'); // nothing was in flight
    const resumed = await child(store.url, fake.url, 0);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out.split(ALERT).length - 1).toBe(1);
    const again = await child(store.url, fake.url, 0);
    expect(again.out).not.toContain('🔔');
  }, 120_000);
});
