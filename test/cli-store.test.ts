import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../src/domain/calendar.js';
import { days, setDay } from './domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from './fakes/openrouter.js';
import { isolatedStores } from './store/isolated-store.js';
import { announceSkips } from './support/stores.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/rankwatch.js');

async function rankwatch(args: string[], env: Record<string, string>, cwd = process.cwd()) {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
  }
}

const redis = process.env.RANKWATCH_TEST_REDIS_URL;
const postgres = process.env.RANKWATCH_TEST_POSTGRES_URL;
const pgAt = (user: string, db: string) => (postgres ?? '').replace(/\/\/[^@]*@([^/]*)\/.*$/, `//${user}@$1/${db}`);

beforeAll(announceSkips);

/** The real CLI process against stores that cannot be used: one line naming STORE_URL, exit 1, within the 10 s connect timeout. */
describe('a store that cannot be opened', () => {
  const cases: [string, string, RegExp][] = [
    ['SQLite in an unwritable place', 'sqlite:///proc/x.sqlite', /^rankwatch: the SQLite file \/proc\/x\.sqlite \(STORE_URL=sqlite:\/\/\/proc\/x\.sqlite\) cannot be opened: SQLITE_CANTOPEN\n$/],
    ['a SQLite path under a file', 'sqlite:///etc/hostname/x.sqlite', /^rankwatch: cannot create the directory \/etc\/hostname for STORE_URL=sqlite:\/\/\/etc\/hostname\/x\.sqlite \(E\w+\)/],
    ['Redis unreachable, with a password', 'redis://:secret@127.0.0.1:1', /^rankwatch: cannot reach the store at STORE_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\) within 10 s\n$/],
    ['PostgreSQL unreachable', 'postgres://postgres:secret@127.0.0.1:1/test', /^rankwatch: cannot reach the store at STORE_URL=postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test \(ECONNREFUSED\) within 10 s\n$/],
  ];
  if (redis) {
    // This server has no password: it refuses AUTH with one, and refuses an unknown user.
    cases.push(['Redis refusing a password', redis.replace('//', '//:wrong@'), /^rankwatch: the store at STORE_URL=redis:\/\/:\*\*\*@\S+ refused the credentials \(ERR AUTH/]);
    cases.push(['Redis refusing a user', redis.replace('//', '//nobody:wrong@'), /^rankwatch: the store at STORE_URL=redis:\/\/nobody:\*\*\*@\S+ refused the credentials \(WRONGPASS/]);
  }
  if (postgres) {
    cases.push(['PostgreSQL refusing a user', pgAt('nobody', 'test'), /^rankwatch: the store at STORE_URL=\S+ refused the connection \(role "nobody" does not exist\): fix the user, password or database name in STORE_URL\n$/]);
    cases.push(['PostgreSQL without the database', pgAt('postgres', 'no_such_db'), /refused the connection \(database "no_such_db" does not exist\)/]);
  }
  it.concurrent.each(cases.flatMap(([what, url, message]) => [['leaderboard'], ['start', '--once']].map((args) => [what, args.join(' '), url, message] as const)))(
    'given %s, when `rankwatch %s` starts, then one line names STORE_URL and it exits 1 within the timeout',
    async (_what, args, url, message) => {
      const r = await rankwatch(args.split(' '), { STORE_URL: url, OPENROUTER_API_KEY: 'k' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/secret|\n\s+at /);
      // 10 s of retries, plus start-up of up to 16 processes at once on a small machine
      expect(r.ms).toBeLessThan(25_000);
    },
    30_000,
  );
});

/** `start --once` on each store, as cron runs it; the stores at once (each its own store and stand-in). */
const STORES = await isolatedStores('once', 12);
describe.concurrent.each(STORES)('rankwatch start --once on $name', (store) => {
  const yesterday = addDays(dayOf(new Date()), -1);
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    const rows = setDay(days(addDays(yesterday, -40), 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
  });
  afterAll(async () => {
    await fake.close();
    await store.drop();
  });

  it.sequential('given an empty store, then two runs in a row exit 0, the second delivering the day that settled', async () => {
    const env = { OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url, STORE_URL: store.url };
    const first = await rankwatch(['start', '--once'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('🔔');
    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    const second = await rankwatch(['start', '--once'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("🔔 beta takes #1 on the daily chart with 700B tokens, ending alpha's 40-day reign");
    expect(second.stdout).toContain('Source: OpenRouter (openrouter.ai/rankings)');
    const board = await rankwatch(['leaderboard', '--limit', '2'], env);
    expect(board.code, board.stderr).toBe(0);
    expect(board.stdout).toMatch(/^1 {2}beta/m);
  }, 60_000);
});
