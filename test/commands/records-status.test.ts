import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('given stopped destinations, then a Discord member sees those of this server and a count of the rest; the console sees all', async () => {
    world.status = {
      ...STATUS,
      lastSyncError: 'OpenRouter timed out',
      source: 'sample',
      disabled: [
        { dest: { kind: 'discord-channel', channelId: 'c9', guildId: 'g1' }, reason: 'Missing Access', at: '2026-04-05T10:00:00.000Z' },
        { dest: { kind: 'discord-channel', channelId: 'c7', guildId: 'other-guild' }, reason: 'Unknown Channel', at: '2026-04-05T11:00:00.000Z' },
        { dest: { kind: 'slack-channel', teamId: 'T1', channelId: 'C1' }, reason: 'channel_not_found', at: '2026-04-05T12:00:00.000Z' },
      ],
    };
    const fields = (await world.run('status', {}, member('u1'))).fields!;
    expect(fields.find((f) => f.label === 'Last sync error')!.value).toBe('OpenRouter timed out');
    expect(fields.find((f) => f.label === 'Source')!.value).toBe('Bundled sample data');
    expect(fields.at(-1)).toEqual({ label: 'Stopped destinations', value: 'discord:channel:c9: Missing Access (since 2026-04-05 10:00 UTC)\n2 elsewhere' });
    const console = { ...member('op'), platform: 'console' as const, channel: { kind: 'console' as const }, dm: { kind: 'console' as const } };
    expect((await world.run('status', {}, console)).fields!.at(-1)!.value.split('\n')).toHaveLength(3);
    world.status = STATUS;
  });
});
