import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, setDay } from './domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from './fakes/openrouter.js';
import { settledAsOf } from './support/pipeline.js';

const run = promisify(execFile);
const SAMPLE = 'data/sample/rankings-daily.json';

async function rankwatch(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/rankwatch.js', ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rankwatch replay --file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given the sample and the April 2026 range, then it tells the story in plain sentences', async () => {
    const { code, stdout } = await rankwatch(['replay', '--file', SAMPLE, '--from', '2026-03-28', '--to', '2026-04-12']);
    expect(code).toBe(0);
    // The real April 2026 (the sample agrees with the record there, see test/sample-real.test.ts).
    expect(stdout).toContain("2026-04-03 · Qwen3.6 Plus takes #1 on the daily chart with 1.41T tokens, ending MiMo-V2-Pro's 16-day reign");
    expect(stdout).toContain('2026-04-03 · Qwen3.6 Plus passes 1T tokens in one day, the first model ever to do so');
    expect(stdout).toContain('2026-04-04 · Qwen3.6 Plus sets the all-time record: 1.57T tokens in one day');
    expect(stdout).toContain('2026-04-07 · Qwen3.6 Plus leads the daily chart for a 5th straight day');
    expect(stdout).toContain("2026-04-08 · Claude Opus 4.6 takes #1 on the daily chart with 193B tokens, ending Qwen3.6 Plus's 5-day reign");
    expect(stdout).toMatch(/2026-04-05 · Qwen3\.6 Plus (debuts at|takes) #1 on the weekly chart \(2026-W14\) with 4\.60T tokens/);
    expect(stdout).not.toMatch(/^2026-03-2[0-7]/m);
  });

  it('given --json, then one object per line with id, type, chart, period, subject, milestone and exact figures', async () => {
    const { stdout } = await rankwatch(['replay', '--file', SAMPLE, '--from', '2026-04-03', '--to', '2026-04-03', '--json']);
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toContainEqual(
      expect.objectContaining({ id: 'milestone:daily:2026-04-03:qwen/qwen3.6-plus-04-02:1000000000000', type: 'milestone', chart: 'daily', period: '2026-04-03', subject: 'qwen/qwen3.6-plus-04-02', milestone: 1e12, tokens: '1414068737321', firstEver: true }),
    );
  });

  it('given a file with a bad row, then it exits non-zero naming the first bad row', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ data: [{ date: '2026-04-01', model_permaslug: 'a/b', total_tokens: '5' }, { date: '2026-02-30', model_permaslug: 'a/b', total_tokens: '5' }], meta: { as_of: '2026-04-02T03:00:00Z', version: 'v1', start_date: '2026-04-01', end_date: '2026-04-01' } }));
    const { code, stderr } = await rankwatch(['replay', '--file', file]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/row 2 has a bad date/);
  });

  it('given a range with no events, then it says so on stderr, stdout stays empty, and it exits 0', async () => {
    const file = join(dir, 'two-days.json');
    const data = [{ date: '2026-04-01', model_permaslug: 'a/b', total_tokens: '5' }, { date: '2026-04-02', model_permaslug: 'a/b', total_tokens: '6' }];
    writeFileSync(file, JSON.stringify({ data, meta: { as_of: '2026-04-03T03:00:00Z', version: 'v1', start_date: '2026-04-01', end_date: '2026-04-02' } }));
    const { code, stdout, stderr } = await rankwatch(['replay', '--file', file, '--from', '2026-05-01', '--to', '2026-05-03']);
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr.trim()).toBe('no events in 2026-05-01 to 2026-05-03 (history is complete 2026-04-01 to 2026-04-02, UTC)');
  });

  it('given --version, then it prints the version from package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await rankwatch(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [['replay', '--from', '2026-04-12', '--to', '2026-04-03', '--file', SAMPLE], /--from 2026-04-12 is after --to 2026-04-03: the range runs backwards \(swap them\)/],
    [['replay', '--from', '04/04/2026', '--file', SAMPLE], /--from wants a UTC day/],
    [['replay', '--file', '/nonexistent.json'], /cannot read \/nonexistent\.json: ENOENT/],
    [["leaderboard", "--chart", "hourly"], /`chart`: want one of daily, weekly, monthly, trending/],
  ])('given %j, then a clear message', async (args, message) => {
    const { code, stderr } = await rankwatch(args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });
});

describe('rankwatch backfill, then leaderboard and replay from the store', () => {
  let fake: FakeOpenRouter;
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-cli-store-'));
  const env = () => ({ OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url, STORE_URL: `sqlite://${join(dir, 's.sqlite')}` });
  beforeAll(async () => {
    const rows = setDay(days('2025-12-01', 60, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), '2026-01-29', { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: '2026-01-29', asOf: settledAsOf('2026-01-29') });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an empty store, then backfill reads 2025-01-01 onward in windows of at most 366 days, with progress', async () => {
    const { code, stderr } = await rankwatch(['backfill'], env());
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/window 1\/2: 2025-01-01\.\.2026-01-01, \d+ rows/);
    expect(stderr).toMatch(/Stored \d+ rows; complete through 2026-01-29/);
    const windows = fake.requests.filter((r) => r.path.endsWith('/rankings-daily'));
    expect(windows.map((r) => [r.query.start_date, r.query.end_date])[0]).toEqual(['2025-01-01', '2026-01-01']);
    expect(windows.every((r) => r.authorization === 'Bearer test-key')).toBe(true);
  }, 30_000);

  it('then leaderboard prints the chart as a table, with the attribution', async () => {
    const { stdout } = await rankwatch(['leaderboard', '--date', '2026-01-29', '--limit', '2'], env());
    expect(stdout).toMatch(/Daily chart, 2026-01-29 \(UTC\)\n/);
    expect(stdout).toMatch(/^1 {2}beta +700B +▲1 \+133\.3% +1d\n2 {2}alpha +400B +▼1 −20\.0%/m);
    expect(stdout).toContain('Source: OpenRouter (openrouter.ai/rankings), as of 2026-01-30T03:00:00.000Z');
  });

  it('then replay reads the store', async () => {
    const { stdout } = await rankwatch(['replay', '--from', '2026-01-29'], env());
    expect(stdout).toContain('2026-01-29 · beta takes #1 on the daily chart with 700B tokens');
  });
});
