import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    [{ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), HTTP_PORT: '8080' }, /DISCORD_PUBLIC_KEY \(HTTP interactions\) needs DISCORD_APPLICATION_ID/],
    [{ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_APPLICATION_ID: '123456789012345678' }, /HTTP_PORT/],
    [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', SHARDS: '1' }, /SHARDS needs SHARD_COUNT/],
    [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', SHARDS: '[0,3]', SHARD_COUNT: '3' }, /shard 3 is not below SHARD_COUNT=3/],
    [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', SHARDS: 'one', SHARD_COUNT: '3' }, /SHARDS entry 1 of 1 is not usable: want shard ids/],
    [{ SHARD_COUNT: '2', DISCORD_WEBHOOK_URLS: 'https://discord.com/api/webhooks/1/x' }, /SHARD_COUNT and SHARDS are for the gateway bot/],
  ])('given %o, then start-up stops with a message naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  const MARK = 'hunter2-marker';
  const messageOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error(`loadConfig accepted ${Object.keys(env).join(', ')}`);
  };

  test.each([
    ['STORE_URL', `mysql://admin:${MARK}@db.example/rank`],
    ['STORE_URL', `redis//:${MARK}@cache`],
    ['OPENROUTER_API_URL', `ftp://user:${MARK}@openrouter.example`],
    ['DISCORD_API_URL', `discord.com/api?token=${MARK}`],
    ['SLACK_API_URL', `ws://x:${MARK}@slack.example`],
    ['DISCORD_WEBHOOK_URLS', `https://discord.com/api/webhooks/1/${MARK}`, 'ftp://x'],
    ['SLACK_WEBHOOK_URLS', `https://hooks.slack.com/services/T/B/${MARK}`, `hooks.slack.com/${MARK}`],
    ['SLACK_APP_TOKEN', `xoxb-${MARK}`],
    ['DISCORD_PUBLIC_KEY', MARK],
    ['DISCORD_TOKEN', MARK],
    ['SLACK_BOT_TOKEN', MARK],
  ])('given %s set to a bad value holding a secret, then the error names the variable and not the value', (name, ...values) => {
    const message = messageOf({ [name]: values.join(',') });
    expect(message).toContain(name);
    expect(message).not.toContain(MARK);
    expect(message).not.toContain('admin');
  });

  it('given one bad entry among good webhook URLs, then the error gives its position and repeats no URL', () => {
    const good = `https://discord.com/api/webhooks/1/${MARK}`;
    const message = messageOf({ DISCORD_WEBHOOK_URLS: `${good}, ftp://x/${MARK}, ${good}` });
    expect(message).toBe('DISCORD_WEBHOOK_URLS entry 2 of 3 is not usable: want a URL starting with https:// or http://');
  });

  it('given a bad POLL_CRON (never secret), then the error repeats it to help', () => {
    expect(messageOf({ POLL_CRON: 'every hour' })).toBe('POLL_CRON is not usable: want a cron expression such as "7 * * * *" (got "every hour")');
  });

  it('given any setting not known to be harmless, then its value is never echoed', () => {
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/^\s{2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    const echoed = new Set(['ROLE', 'REDIS_PREFIX', 'POLL_CRON', 'SETTLE_MINUTES', 'RESYNC_DAYS', 'LOG_LEVEL', 'HTTP_PORT', 'SAMPLE_REPLAY_DAYS', 'SAMPLE_REPLAY_INTERVAL_MS', 'SWEEP_SIZE']);
    for (const key of keys.filter((k) => !echoed.has(k))) {
      for (const bad of [`${MARK} ${MARK}`, `x:${MARK}`, `https://u:${MARK}@h, nope${MARK}`]) {
        try {
          loadConfig({ [key]: bad });
        } catch (error) {
          expect((error as Error).message, key).not.toContain(MARK);
        }
      }
    }
  });

  describe('Slack OAuth mode', () => {
    const OAUTH = { SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 's3cret', SLACK_SIGNING_SECRET: 'sign', SLACK_STATE_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://bot.example.com/', HTTP_PORT: '8080' };

    it('given the client id and secret with what OAuth needs, then it loads, PUBLIC_URL without its trailing slash', () => {
      const c = loadConfig(OAUTH);
      expect(c.PUBLIC_URL).toBe('https://bot.example.com');
      expect(c.consoleChat).toBe(false);
      expect(loadConfig({ ...OAUTH, PUBLIC_URL: 'http://127.0.0.1:3000' }).PUBLIC_URL).toBe('http://127.0.0.1:3000');
      expect(loadConfig({ ...OAUTH, PUBLIC_URL: 'http://localhost:3000' }).PUBLIC_URL).toBe('http://localhost:3000');
    });

    test.each([
      [{ PUBLIC_URL: 'http://bot.example.com' }, /PUBLIC_URL is not usable: want the https:\/\//],
      [{ PUBLIC_URL: 'bot.example.com' }, /PUBLIC_URL/],
      [{ SLACK_CLIENT_SECRET: '' }, /SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together/],
      [{ SLACK_STATE_SECRET: 'short' }, /SLACK_STATE_SECRET is not usable: want at least 16/],
      [{ SLACK_STATE_SECRET: '' }, /also needs SLACK_STATE_SECRET/],
      [{ PUBLIC_URL: '', HTTP_PORT: '' }, /also needs PUBLIC_URL, HTTP_PORT/],
      [{ SLACK_SIGNING_SECRET: '' }, /also needs SLACK_SIGNING_SECRET/],
      [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /unset SLACK_BOT_TOKEN to use OAuth/],
      [{ SLACK_APP_TOKEN: 'xapp-1' }, /unset SLACK_APP_TOKEN/],
      [{ SLACK_CLIENT_ID: 'abc' }, /SLACK_CLIENT_ID is not usable/],
    ])('given OAuth settings with %o, then start-up stops naming the setting', (change, message) => {
      expect(() => loadConfig({ ...OAUTH, ...change })).toThrow(ConfigError);
      expect(() => loadConfig({ ...OAUTH, ...change })).toThrow(message);
    });
  });

  it('given DISCORD_PUBLIC_KEY, DISCORD_APPLICATION_ID and HTTP_PORT alone, then HTTP interactions start with no bot token', () => {
    const c = loadConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_APPLICATION_ID: '123456789012345678', HTTP_PORT: '8080' });
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.consoleChat).toBe(false);
  });

  it('given SHARDS as discord.js ShardingManager sets it (one id) or as a list, then the ids and the total are read', () => {
    const base = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadConfig({ ...base, SHARDS: '2', SHARD_COUNT: '3' })).toMatchObject({ SHARDS: [2], SHARD_COUNT: 3 });
    expect(loadConfig({ ...base, SHARDS: '[0, 1]', SHARD_COUNT: '4' })).toMatchObject({ SHARDS: [0, 1], SHARD_COUNT: 4 });
    expect(loadConfig({ ...base, SHARD_COUNT: '4' }).SHARDS).toBeUndefined();
    expect(loadConfig(base).SHARD_COUNT).toBeUndefined();
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

describe('LAB_TABLE and SWEEP_SIZE', () => {
  it('given inline JSON, then its rows are laid over the bundled table', () => {
    const c = loadConfig({ LAB_TABLE: '{"labs":{"acme":{"name":"Acme AI","region":"de"},"qwen":{"name":"Qwen"}},"aliases":{"acme-ai":"acme"}}', SWEEP_SIZE: '6' });
    expect(c.detect.labs.labs.acme).toEqual({ name: 'Acme AI', region: 'DE' });
    expect(c.detect.labs.labs.qwen).toEqual({ name: 'Qwen' });
    expect(c.detect.labs.labs.anthropic).toEqual({ name: 'Anthropic', region: 'US' });
    expect(c.detect.labs.aliases['acme-ai']).toBe('acme');
    expect(c.detect.sweepSize).toBe(6);
    expect(loadConfig({}).detect.sweepSize).toBe(5);
  });

  it('given a JSON file, then it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-labs-'));
    const file = join(dir, 'labs.json');
    writeFileSync(file, JSON.stringify({ labs: { acme: { name: 'Acme AI' } } }));
    expect(loadConfig({ LAB_TABLE: file }).detect.labs.labs.acme).toEqual({ name: 'Acme AI' });
    rmSync(dir, { recursive: true });
  });

  test.each([
    ['{"labs":{"acme":{"name":"Acme","region":"Germany"}}}', 'LAB_TABLE (inline JSON) is not usable: at labs.acme.region: want an ISO 3166 two-letter country code such as CN or US'],
    ['{"labs":{"acme":{"region":"DE"}}}', 'LAB_TABLE (inline JSON) is not usable: at labs.acme.name:'],
    ['{"lab":{}}', 'LAB_TABLE (inline JSON) is not usable: at the top:'],
    ['{not json', 'LAB_TABLE (inline JSON) is not usable: not valid JSON'],
    ['/nonexistent/labs.json', 'LAB_TABLE (file) is not usable: cannot read the file (ENOENT)'],
  ])('given LAB_TABLE=%s, then start-up stops naming the setting', (value, message) => {
    expect(() => loadConfig({ LAB_TABLE: value })).toThrow(message);
  });

  it('given SWEEP_SIZE=0, then it names the setting', () => {
    expect(() => loadConfig({ SWEEP_SIZE: '0' })).toThrow(/SWEEP_SIZE is not usable/);
  });
});

describe('detectSettings: the detection options without the rest of the settings', async () => {
  const { detectSettings } = await import('../src/config-env.js');
  const { DEFAULT_DETECT_OPTIONS } = await import('../src/domain/detect/options.js');
  test('given none of them (or empty ones), then the defaults, whatever else is set', async () => {
    expect(await detectSettings({ SWEEP_SIZE: ' ', POLL_CRON: 'not a cron', DISCORD_TOKEN: 'x' })).toBe(DEFAULT_DETECT_OPTIONS);
  });
  test('given some, then what loadConfig makes of them, with its messages', async () => {
    const env = { SWEEP_SIZE: '3', TOKEN_MILESTONES: '1T,10B' };
    expect(await detectSettings(env)).toEqual(loadConfig(env).detect);
    await expect(detectSettings({ SWEEP_SIZE: '0' })).rejects.toThrow(/^SWEEP_SIZE is not usable: .* \(got "0"\)$/);
    await expect(detectSettings({ LAB_TABLE: '{"labs": {"qwen": {"name": ""}}}' })).rejects.toThrow('LAB_TABLE (inline JSON) is not usable: at labs.qwen.name');
  });
});
