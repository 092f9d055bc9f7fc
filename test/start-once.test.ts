import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../src/domain/calendar.js';
import { days, setDay } from './domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from './fakes/openrouter.js';

const run = promisify(execFile);

/** `rankwatch start --once`, as cron would run it: no stdin, one sync, deliver, exit. */
describe('rankwatch start --once', () => {
  const yesterday = addDays(dayOf(new Date()), -1);
  const first = addDays(yesterday, -40);
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-once-'));
  let fake: FakeOpenRouter;
  const once = async () => {
    const env = { PATH: process.env.PATH, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url, STORE_URL: `sqlite://${join(dir, 's.sqlite')}`, LOG_LEVEL: 'warn' };
    return run(process.execPath, ['bin/rankwatch.js', 'start', '--once'], { env, timeout: 60_000 });
  };
  beforeAll(async () => {
    // Beta overtakes alpha yesterday; at first the source has only settled the day before.
    const rows = setDay(days(first, 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an empty store, then the first run backfills silently and exits 0', async () => {
    const { stdout } = await once();
    expect(stdout).not.toContain('🔔');
  }, 60_000);

  it('given the next day settles, then the next run prints its alerts to the console channel once and exits 0', async () => {
    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    const { stdout } = await once();
    expect(stdout).toContain("🔔 beta takes #1 on the daily chart with 700B tokens, ending alpha's 40-day reign");
    const again = await once();
    expect(again.stdout).not.toContain('🔔');
  }, 60_000);

  it('given OpenRouter rejects the key, then it exits non-zero with a message naming the setting', async () => {
    fake.failNext({ status: 401 });
    const failed = (await once().catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/OPENROUTER_API_KEY/);
  }, 60_000);
});
