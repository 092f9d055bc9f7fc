import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('given nothing, then it runs on embedded defaults: SQLite file store, sample data, console chat', () => {
    const c = loadConfig({});
    // Without a key the sample has its own file, so a later start with a key finds data/rankwatch.sqlite untouched.
    expect(c.STORE_URL).toBe('sqlite://data/sample.sqlite');
    expect(loadConfig({ OPENROUTER_API_KEY: 'k' }).STORE_URL).toBe('sqlite://data/rankwatch.sqlite');
    expect(c.OPENROUTER_API_KEY).toBeUndefined();
    expect(c.consoleChat).toBe(true);
    expect(c.detect.tokenMilestones.at(-1)).toBe(10_000_000_000_000n);
  });

  test.each([
    [{ STORE_URL: 'mysql://x' }, /STORE_URL/],
    [{ SETTLE_MINUTES: 'soon' }, /SETTLE_MINUTES/],
    [{ POLL_CRON: 'every hour' }, /POLL_CRON/],
    [{ TOKEN_MILESTONES: '10B,lots' }, /TOKEN_MILESTONES/],
    [{ DAILY_STREAK_MILESTONES: '1,2' }, /DAILY_STREAK_MILESTONES/],
    [{ DISCORD_TOKEN: 'x' }, /DISCORD_APPLICATION_ID/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_APP_TOKEN/],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong' }, /SLACK_APP_TOKEN/],
    [{ DISCORD_PUBLIC_KEY: 'zz' }, /DISCORD_PUBLIC_KEY/],
  ])('given %o, then start-up stops with a message naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('given a bad secret, then the message does not repeat its value', () => {
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xoxb-super-secret' })).toThrow(/^(?!.*super-secret)/s);
  });

  it('given any chat setting, then the console chat stays closed', () => {
    expect(loadConfig({ DISCORD_WEBHOOK_URLS: 'https://discord.com/api/webhooks/1/x' }).consoleChat).toBe(false);
  });

  it('given empty values (a copied .env.example), then they count as unset', () => {
    const example = Object.fromEntries(
      readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(loadConfig(example).consoleChat).toBe(true);
  });

  it('.env.example lists every setting the schema reads', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/^\s{2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) expect(example).toMatch(new RegExp(`^${k}=`, 'm'));
  });
});
