import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../commands/dispatch.js';
import { REGISTRY } from '../commands/index.js';
import { createConsoleChat } from '../src/adapters/console/console-chat.js';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config.js';
import { addDays, dayOf } from '../src/domain/calendar.js';
import { silentLogger } from '../src/logger.js';
import { SampleSource } from '../src/source/sample-source.js';
import { openStores } from '../src/store/open-stores.js';
import { days, setDay } from './domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from './fakes/openrouter.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/rankwatch.js');

/** Sample and live data never mix: the sample has its own default store, and a sample store refuses a key. */
describe('rankwatch start --once on the bundled sample, then with a key', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'rankwatch-sample-'));
  const yesterday = addDays(dayOf(new Date()), -1);
  let fake: FakeOpenRouter;
  const rankwatch = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const live = () => ({ OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url });
  beforeAll(async () => {
    const rows = setDay(days(addDays(yesterday, -40), 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('given no key, then the sample fills data/sample.sqlite and leaderboard says sample data', async () => {
    const first = await rankwatch(['start', '--once']);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(cwd, 'data/sample.sqlite'))).toBe(true);
    expect(existsSync(join(cwd, 'data/rankwatch.sqlite'))).toBe(false);
    const board = await rankwatch(['leaderboard']);
    expect(board.stdout).toContain('Sample data bundled with rankwatch (not live OpenRouter figures)');
    expect(board.stdout).not.toContain('Source: OpenRouter');
  }, 60_000);

  it('given a key next, then the live store starts afresh from OpenRouter alone, and the sample never reaches an alert', async () => {
    const first = await rankwatch(['start', '--once'], live());
    expect(first.code, first.stderr).toBe(0);
    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    const second = await rankwatch(['start', '--once'], live());
    expect(second.stdout).toContain("🔔 beta takes #1 on the daily chart with 700B tokens, ending alpha's 40-day reign");
    expect(second.stdout).not.toMatch(/Claude|Sample data/);
    const board = await rankwatch(['leaderboard'], live());
    expect(board.stdout).toMatch(/^1 {2}beta/m);
    expect(board.stdout).toContain('Source: OpenRouter (openrouter.ai/rankings)');
    const stores = await openStores(`sqlite://${join(cwd, 'data/rankwatch.sqlite')}`);
    expect(await stores.history.get('store:identity')).toMatchObject({ source: 'openrouter' });
    await stores.close();
  }, 60_000);

  it('given STORE_URL names the sample store and a key is set, then start is refused naming rankwatch reset; after reset it runs live', async () => {
    const env = { ...live(), STORE_URL: 'sqlite://data/sample.sqlite' };
    const refused = await rankwatch(['start', '--once'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('rankwatch: the store at STORE_URL=sqlite://data/sample.sqlite holds the bundled sample data (it was filled without OPENROUTER_API_KEY), and live OpenRouter data is never mixed into it: run `rankwatch reset` to clear it, or set STORE_URL to another store\n');
    const unconfirmed = await rankwatch(['reset'], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/pass --yes to confirm/);
    const reset = await rankwatch(['reset', '--yes'], env);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr).toMatch(/Cleared rankwatch, rankwatch-settings, rankwatch-outbox in STORE_URL=sqlite:\/\/data\/sample\.sqlite/);
    const again = await rankwatch(['start', '--once'], env);
    expect(again.code, again.stderr).toBe(0);
  }, 60_000);
});

describe('alerts and replies made from the bundled sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-sample-alerts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given the sample replayed day by day, when alerts go out and /leaderboard answers, then each says sample data where the attribution stands', async () => {
    let revealed: string | undefined;
    const source = new SampleSource({ revealThrough: () => revealed });
    revealed = addDays(await source.lastDay(), -3);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const config = loadConfig({ STORE_URL: `sqlite://${join(dir, 's.sqlite')}`, LOG_LEVEL: 'silent' });
    const app = await createApp(config, {
      source,
      logger: silentLogger,
      extraAdapters: (deps) => [createConsoleChat(deps, { input: Readable.from([]), output, interactive: false, onEnd: () => undefined })],
    });
    try {
      await app.start({ schedule: false });
      revealed = await source.lastDay();
      const poll = await app.poller.pollOnce();
      await app.deliverer.idle();
      expect(poll.events).toBeGreaterThan(0);
      const footers = printed.split('\n').filter((l) => /as of \d{4}-/.test(l));
      expect(footers.length).toBeGreaterThan(0);
      expect(footers.every((l) => l.includes('Sample data bundled with rankwatch (not live OpenRouter figures)'))).toBe(true);
      expect(printed).not.toContain('Source: OpenRouter');
      const ctx = { invocation: { platform: 'console', user: { platform: 'console', userId: 'u' }, channel: { kind: 'console' }, dm: { kind: 'console' }, canManageChannel: false, inDm: false }, services: app.services } as const;
      const reply = await dispatch(REGISTRY, 'leaderboard', {}, ctx as never);
      expect(reply.footer).toMatch(/^Sample data bundled with rankwatch/);
      expect((await app.services.status()).source).toBe('sample');
    } finally {
      await app.stop();
    }
  }, 60_000);
});
