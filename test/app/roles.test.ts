import { describe, expect, it, test } from 'vitest';
import { rolePlan } from '../../src/app/roles.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const fleet = { REDIS_URL: 'redis://127.0.0.1:6379', STORE_URL: 'postgres://postgres@127.0.0.1:5432/test' };

describe('ROLE: what one process runs', () => {
  it('given nothing, then one process runs everything, with no Redis', () => {
    const c = loadConfig({});
    expect(c.ROLE).toBe('all');
    expect(rolePlan(c)).toEqual({ role: 'all', polls: true, delivers: true, gateway: true, http: true });
  });

  test.each([
    ['poller', { polls: true, delivers: false, gateway: false, http: false }, {}],
    ['delivery', { polls: false, delivers: true, gateway: false, http: false }, {}],
    ['interactions', { polls: false, delivers: false, gateway: false, http: true }, { HTTP_PORT: '8080', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }],
    ['gateway', { polls: false, delivers: false, gateway: true, http: false }, { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' }],
  ])('given ROLE=%s on a fleet, then it runs only its part', (role, parts, env) => {
    expect(rolePlan(loadConfig({ ...fleet, ...env, ROLE: role }))).toEqual({ role, ...parts });
  });

  test.each([
    [{ ROLE: 'worker' }, /ROLE is not usable.*"worker"/],
    [{ ROLE: 'poller' }, /ROLE=poller needs REDIS_URL/],
    [{ ROLE: 'delivery', REDIS_URL: fleet.REDIS_URL }, /ROLE=delivery needs a STORE_URL every instance shares/],
    [{ ROLE: 'poller', REDIS_URL: 'http://127.0.0.1:6379', STORE_URL: fleet.STORE_URL }, /REDIS_URL is not usable: want a URL starting with redis:\/\/ or rediss:\/\//],
    [{ REDIS_PREFIX: 'my fleet' }, /REDIS_PREFIX is not usable/],
  ])('given %o, then start-up stops with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('given a role with nothing to do, then it says which setting would give it work', () => {
    expect(() => rolePlan(loadConfig({ ...fleet, ROLE: 'interactions' }))).toThrow(/ROLE=interactions needs HTTP_PORT/);
    expect(() => rolePlan(loadConfig({ ...fleet, ROLE: 'interactions', HTTP_PORT: '0' }))).toThrow(/set DISCORD_PUBLIC_KEY .* SLACK_SIGNING_SECRET/);
    expect(() => rolePlan(loadConfig({ ...fleet, ROLE: 'gateway' }))).toThrow(/set DISCORD_TOKEN without DISCORD_PUBLIC_KEY .* SLACK_APP_TOKEN/);
  });
});
