import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import type { Invocation } from '../../commands/command.js';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../src/adapters/slack/render.js';
import { OpenRouterClient } from '../../src/source/openrouter-client.js';
import type { DisabledDestination } from '../../src/store/settings-store.js';
import { AS_OF, member, openWorld, STATUS, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

describe('/records', () => {
  it('given the history, then it shows best days, longest reigns and first models past each milestone', async () => {
    const reply = await world.run('records', {});
    expect(reply.title).toBe('All-time records, through 2026-04-05 (UTC)');
    expect(reply.footer).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${AS_OF}`);
    expect(reply.fields!.map((f) => `${f.label}: ${f.value}`)).toMatchInlineSnapshot(`
      [
        "Best model day: Qwen3.6 Plus: 1.84T on 2026-04-05",
        "Best platform day: 4.72T on 2026-04-05",
        "Longest daily reign: Qwen3.6 Plus: 18 days (2026-03-19 to 2026-04-05, ongoing)",
        "Longest weekly reign: Qwen3.6 Plus: 3 weeks (2026-W12 to 2026-W14, ongoing)",
        "Strongest launches (first 7 days): 1. Qwen3.6 Plus: 1.96T (2026-03-07 to 2026-03-13)
      2. GPT-5.4: 1.57T (2026-03-05 to 2026-03-11)
      3. Qwen3.6 Plus (free): 630B (2026-03-07 to 2026-03-13)",
        "Longest sweeps (one region holds the top of the weekly chart): No region has held the top of a weekly chart yet.",
      ]
    `);
    expect(reply.table!.rows.map((r) => r.join(' | '))).toMatchInlineSnapshot(`
      [
        "1T | Qwen3.6 Plus | 2026-03-22",
      ]
    `);
  });
});

describe('/status', () => {
  it('given a status, then it lists sync and delivery figures privately', async () => {
    const reply = await world.run('status', {});
    expect(reply.ephemeral).toBe(true);
    expect(reply.fields!.map((f) => `${f.label}: ${f.value}`)).toMatchInlineSnapshot(`
      [
        "Last sync: 2026-04-06 02:41 UTC",
        "Next sync: 2026-04-06 03:41 UTC",
        "Data as of: 2026-04-06 02:40 UTC",
        "Complete through: 2026-04-05 (UTC)",
        "Source: OpenRouter API",
        "Alerts sent today (UTC): 12",
        "Pending deliveries: 1",
        "Dropped deliveries (all time): 0",
        "Stopped destinations: None",
      ]
    `);
  });

  it('given parts in trouble and drops, then it says what failed, since when, and when the next try is', async () => {
    world.status = {
      ...STATUS,
      dropped: 3,
      trouble: [
        { part: 'sync', state: 'retrying', since: '2026-04-06T02:07:00.000Z', detail: 'cannot reach OpenRouter', retryAt: '2026-04-06T02:37:00.000Z', critical: true },
        { part: 'discord delivery', state: 'paused', since: '2026-04-06T01:00:00.000Z', detail: 'token refused: Discord 401', critical: true },
      ],
    };
    try {
      const reply = await world.run('status', {});
      const lines = reply.fields!.map((f) => `${f.label}: ${f.value}`);
      expect(lines).toContain('Dropped deliveries (all time): 3');
      expect(lines).toContain(
        'Needs attention: sync: retrying since 2026-04-06 02:07 UTC (cannot reach OpenRouter), next try 2026-04-06 02:37 UTC\ndiscord delivery: paused since 2026-04-06 01:00 UTC (token refused: Discord 401)',
      );
    } finally {
      world.status = STATUS;
    }
  });

  const at = '2026-04-05T10:00:00.000Z';
  const u1 = { platform: 'discord' as const, userId: 'u1' };
  const DISABLED: DisabledDestination[] = [
    { dest: { kind: 'discord-channel', channelId: 'c9', guildId: 'g1' }, reason: 'Missing Access', at, by: u1 },
    { dest: { kind: 'discord-channel', channelId: 'c8', guildId: 'g1' }, reason: 'Missing Access', at, by: { platform: 'discord', userId: 'u2' } },
    { dest: { kind: 'discord-channel', channelId: 'c7', guildId: 'other-guild' }, reason: 'Unknown Channel', at, by: u1 },
    { dest: { kind: 'discord-dm', userId: 'u1' }, reason: 'Cannot send messages to this user', at },
    { dest: { kind: 'discord-dm', userId: 'u2' }, reason: 'Cannot send messages to this user', at },
    { dest: { kind: 'slack-channel', teamId: 'T1', channelId: 'C1' }, reason: 'channel_not_found', at, by: { platform: 'slack', userId: 'u1', teamId: 'T1' } },
    { dest: { kind: 'discord-webhook', hash: 'abc123' }, reason: 'Unknown Webhook', at },
  ];
  const stopped = async (invocation: Invocation) => (await world.run('status', {}, invocation)).fields!.at(-1)!.value.split('\n');

  it('given stopped destinations, then in a server channel a member sees only those of this server set up by them', async () => {
    world.status = { ...STATUS, source: 'sample', disabled: DISABLED };
    try {
      expect(await stopped(member('u1'))).toEqual([
        'discord:channel:c9: Missing Access (since 2026-04-05 10:00 UTC)',
        '2 more of yours elsewhere (run /status in a DM with the bot)',
      ]);
      expect(await stopped(member('u3'))).toEqual(['None']);
      expect((await world.run('status', {}, member('u3'))).fields!.find((f) => f.label === 'Source')!.value).toBe('Bundled sample data');
      expect(await stopped(member('u2'))).toEqual(['discord:channel:c8: Missing Access (since 2026-04-05 10:00 UTC)', '1 more of yours elsewhere (run /status in a DM with the bot)']);
    } finally {
      world.status = STATUS;
    }
  });

  it('given stopped destinations, then in a DM a member sees all of theirs (their DM too) and nobody else\'s; the console sees all', async () => {
    world.status = { ...STATUS, disabled: DISABLED };
    try {
      expect(await stopped(member('u1', { inDm: true }))).toEqual([
        'discord:channel:c9: Missing Access (since 2026-04-05 10:00 UTC)',
        'discord:channel:c7: Unknown Channel (since 2026-04-05 10:00 UTC)',
        'discord:user:u1: Cannot send messages to this user (since 2026-04-05 10:00 UTC)',
      ]);
      const console = { ...member('op'), platform: 'console' as const, channel: { kind: 'console' as const }, dm: { kind: 'console' as const } };
      expect(await stopped(console)).toHaveLength(DISABLED.length);
    } finally {
      world.status = STATUS;
    }
  });

  it('given a Slack member in a workspace channel, then only that workspace\'s entries set up by them show', async () => {
    world.status = { ...STATUS, disabled: DISABLED };
    const slack = (teamId: string): Invocation => ({
      platform: 'slack', user: { platform: 'slack', userId: 'u1', teamId }, channel: { kind: 'slack-channel', teamId, channelId: 'C0GENERAL' },
      dm: { kind: 'slack-dm', teamId, userId: 'u1' }, canManageChannel: false, inDm: false,
    });
    try {
      expect(await stopped(slack('T1'))).toEqual(['slack:T1:channel:C1: channel_not_found (since 2026-04-05 10:00 UTC)']);
      expect(await stopped(slack('T2'))).toEqual(['None']);
    } finally {
      world.status = STATUS;
    }
  });
});

describe('/status after a failed sync', () => {
  const SECRET = 'pw-marker-secret';
  const BASE = `https://proxy-user:${SECRET}@openrouter.internal.example/api/v1`;
  const respond = (status: number, body: string) => async () => new Response(body, { status });
  const hang: typeof fetch = (_url, init) => new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
  const refused: typeof fetch = async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNREFUSED ${BASE}`), { code: 'ECONNREFUSED' }) });
  };

  async function failure(fetchFn: typeof fetch): Promise<string> {
    const client = new OpenRouterClient({ baseUrl: BASE, apiKey: `sk-or-${SECRET}`, fetch: fetchFn, retries: 0, minIntervalMs: 0, timeoutMs: 20 });
    const error = await client.fetchDaily({ start: '2026-04-01', end: '2026-04-05' }).then(() => null, (e: Error) => e);
    return error!.message;
  }

  test.each([
    ['a 401', respond(401, '{"error":{"code":401,"message":"No auth credentials found"}}'), 'OpenRouter rejected the API key (check OPENROUTER_API_KEY)'],
    ['a 429', respond(429, '{}'), 'OpenRouter rate limit reached'],
    ['a 503', respond(503, 'down'), 'OpenRouter had a server error'],
    ['a 404', respond(404, `no route ${BASE}`), 'OpenRouter does not know the address asked (check OPENROUTER_API_URL)'],
    ['a 400 echoing the URL', respond(400, JSON.stringify({ error: { code: 400, message: `bad date for ${BASE}` } })), 'OpenRouter refused the request'],
    ['a 422', respond(422, `see ${BASE}`), 'OpenRouter refused the request'],
    ['a refused connection', refused, 'cannot reach OpenRouter'],
    ['no answer in time', hang, 'OpenRouter did not answer in time'],
    ['a body that is not JSON', respond(200, `<html>${BASE}</html>`), 'OpenRouter answered malformed data'],
    ['JSON of the wrong shape', respond(200, JSON.stringify({ data: [{ date: BASE }] })), 'OpenRouter answered malformed data'],
  ])('given %s from the real client, then /status shows the kind and no URL or secret', async (_, fetchFn, kind) => {
    world.status = { ...STATUS, lastSyncError: await failure(fetchFn as typeof fetch) };
    try {
      const reply = await world.run('status', {}, member('u1'));
      expect(reply.fields!.find((f) => f.label === 'Last sync error')!.value).toBe(kind);
      for (const rendered of [JSON.stringify(reply), JSON.stringify(renderDiscord(reply)), JSON.stringify(renderSlack(reply))]) {
        expect(rendered).not.toContain(SECRET);
        expect(rendered).not.toContain('openrouter.internal');
        expect(rendered).not.toMatch(/\w+:\/\/(?!openrouter\.ai)/);
      }
    } finally {
      world.status = STATUS;
    }
  });

  it('given a failure that is not OpenRouter\'s (a store URL in the message), then only "sync failed" shows', async () => {
    world.status = { ...STATUS, lastSyncError: `connect ECONNREFUSED redis://:${SECRET}@cache:6379` };
    try {
      const value = (await world.run('status', {}, member('u1'))).fields!.find((f) => f.label === 'Last sync error')!.value;
      expect(value).toBe('sync failed (details in the log)');
    } finally {
      world.status = STATUS;
    }
  });
});
