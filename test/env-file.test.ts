import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { EnvFileError, loadEnvFile } from '../src/env-file.js';

const dir = mkdtempSync(join(tmpdir(), 'rankwatch-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(files: Record<string, string>): string {
  const d = mkdtempSync(join(dir, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('loadEnvFile', () => {
  it('given a .env in the working directory, then its settings reach loadConfig and the environment wins', () => {
    const cwd = folder({ '.env': '# copied from .env.example\nDISCORD_TOKEN=from-file\nDISCORD_APPLICATION_ID=123456789012345678\nPOLL_CRON="5 * * * *"\nLOG_LEVEL=debug\n' });
    const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn' };
    expect(loadEnvFile(env, cwd)).toBe(join(cwd, '.env'));
    expect(env).toMatchObject({ DISCORD_TOKEN: 'from-file', POLL_CRON: '5 * * * *', LOG_LEVEL: 'warn' });
    const config = loadConfig(env);
    expect(config.consoleChat).toBe(false);
    expect(config.DISCORD_TOKEN).toBe('from-file');
  });

  it('given a variable set empty in the environment, then the file does not fill it (set means set)', () => {
    const env: Record<string, string | undefined> = { SLACK_BOT_TOKEN: '' };
    loadEnvFile(env, folder({ '.env': 'SLACK_BOT_TOKEN=xoxb-file\n' }));
    expect(env.SLACK_BOT_TOKEN).toBe('');
  });

  it('given no .env, then nothing changes and nothing fails', () => {
    const env = { A: '1' };
    expect(loadEnvFile(env, folder({}))).toBeNull();
    expect(env).toEqual({ A: '1' });
  });

  it('given RANKWATCH_ENV_FILE, then that file is read instead of .env (relative to the working directory)', () => {
    const cwd = folder({ '.env': 'HTTP_PORT=1\n', 'prod.env': 'export HTTP_PORT=2\nNOTE="two\nlines"\n' });
    const env: Record<string, string | undefined> = { RANKWATCH_ENV_FILE: 'prod.env' };
    expect(loadEnvFile(env, cwd)).toBe(join(cwd, 'prod.env'));
    expect(env).toMatchObject({ HTTP_PORT: '2', NOTE: 'two\nlines' });
  });

  it('given RANKWATCH_ENV_FILE naming a missing file, then an EnvFileError names the variable and the file', () => {
    const cwd = folder({});
    expect(() => loadEnvFile({ RANKWATCH_ENV_FILE: 'nope.env' }, cwd)).toThrow(EnvFileError);
    expect(() => loadEnvFile({ RANKWATCH_ENV_FILE: 'nope.env' }, cwd)).toThrow(`RANKWATCH_ENV_FILE names ${join(cwd, 'nope.env')}, which cannot be read (ENOENT)`);
  });

  it('given a line that is not NAME=value, then an EnvFileError names the file and line but not the text (it may be a secret)', () => {
    const cwd = folder({ '.env': 'A=1\nB="multi\nline # not a setting on its own"\nxoxb-pasted-secret\nC=3\n' });
    const env = {};
    expect(() => loadEnvFile(env, cwd)).toThrow(`${join(cwd, '.env')} line 4 is not NAME=value`);
    expect(() => loadEnvFile(env, cwd)).toThrow(/^(?!.*pasted-secret)/s);
    expect(env).toEqual({});
  });
});

describe('rankwatch with RANKWATCH_ENV_FILE', () => {
  const bin = fileURLToPath(new URL('../bin/rankwatch.js', import.meta.url));
  const rankwatch = (cwd: string, envFile: string) =>
    promisify(execFile)(process.execPath, [bin, 'leaderboard'], { cwd, env: { PATH: process.env.PATH, RANKWATCH_ENV_FILE: envFile } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );

  it('given a file setting a bad STORE_URL scheme, then the CLI read it: start-up stops naming STORE_URL, not the password', async () => {
    const cwd = folder({ 'bad.env': 'STORE_URL=mysql://root:s3cret-pw@db/rank\n' });
    const result = await rankwatch(cwd, join(cwd, 'bad.env'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^rankwatch: STORE_URL is not usable: want a URL starting with sqlite:\/\//);
    expect(result.stderr).not.toContain('s3cret');
  });

  it('given RANKWATCH_ENV_FILE naming a missing file, then the CLI stops naming the variable and the file', async () => {
    const cwd = folder({});
    const result = await rankwatch(cwd, 'missing.env');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`rankwatch: RANKWATCH_ENV_FILE names ${join(cwd, 'missing.env')}, which cannot be read (ENOENT)\n`);
  });
});
