import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decode } from './png.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/rankwatch.js');
const dir = mkdtempSync(join(tmpdir(), 'rankwatch-chart-'));
const env = { PATH: process.env.PATH, LOG_LEVEL: 'silent', STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` };
const rankwatch = (args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });

beforeAll(async () => {
  await rankwatch(['backfill']);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rankwatch chart', () => {
  test.each([
    ['leaderboard', '--limit', '5'],
    ['model', 'claude', 'sonnet', '5'],
    ['race', '--weeks', '6', '--theme', 'light'],
  ])('given the bundled sample, when `chart %s` runs, then it writes a 720 px wide PNG and says so', async (picture, ...rest) => {
    const out = join(dir, `${picture}.png`);
    const { stdout } = await rankwatch(['chart', picture, ...rest, '--out', out]);
    const img = decode(readFileSync(out));
    expect(img.width).toBe(720);
    expect(img.height).toBeGreaterThan(300);
    expect(stdout).toBe(`${out}: ${Math.round(readFileSync(out).length / 1024)} KB, 720x${img.height} px\n`);
  }, 60_000);

  test('a bad option exits 1 with a line naming it', async () => {
    const failed = await rankwatch(['chart', 'race', '--theme', 'pink', '--out', join(dir, 'x.png')]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('rankwatch: --theme: want dark or light (got "pink")\n');
  });
});
