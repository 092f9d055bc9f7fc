// createDiscordAdapter's modes, and the translation from Discord interactions to neutral invocations.
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { canManage, focusedValue, optionsRecord, toInvocation } from '../../../src/adapters/discord/translate.js';
import { ConfigError } from '../../../src/config.js';
import { webhookHash } from '../../../src/delivery/destination.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { discordConfig, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, testWorld, type TestWorld } from './support.js';

let fake: FakeDiscord;
let world: TestWorld;

beforeAll(async () => {
  fake = await startFakeDiscord();
  world = await testWorld();
});

afterAll(async () => {
  await fake?.close();
  await world?.close();
});

describe('createDiscordAdapter', () => {
  it('given no Discord settings, then no adapter', () => {
    expect(createDiscordAdapter(discordConfig({}), world.deps())).toBeNull();
  });

  it('given only webhook URLs, then alerts by webhook with implicit settings and no gateway connection', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!);
    const adapter = createDiscordAdapter(discordConfig({ DISCORD_WEBHOOK_URLS: hook.url }), world.deps())!;
    await adapter.start();
    expect(fake.gatewaySessions).toBe(0);
    expect(adapter.implicitAlerts).toMatchObject([{ dest: { kind: 'discord-webhook', hash: webhookHash(hook.url) }, at: '2026-03-12T12:00:00.000Z' }]);
    expect(adapter.notifier!.handles({ kind: 'discord-channel', channelId: '1' })).toBe(false);
    await adapter.notifier!.sendText({ kind: 'discord-webhook', hash: webhookHash(hook.url) }, 'hello');
    expect(fake.webhookMessages(hook.id).map((m) => m.content)).toEqual(['hello']);
    await adapter.stop();
  });

  it('given a token and webhooks, then one notifier routes channels to the bot and webhooks to their URLs', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!);
    const config = discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_WEBHOOK_URLS: hook.url });
    const adapter = createDiscordAdapter(config, world.deps(), { restOptions: { offset: 0 } })!;
    await adapter.start();
    try {
      expect(fake.gatewaySessions).toBe(1);
      await adapter.notifier!.sendText({ kind: 'discord-channel', channelId: fake.defaultChannelId!, guildId: fake.defaultGuildId! }, 'by bot');
      await adapter.notifier!.sendText({ kind: 'discord-webhook', hash: webhookHash(hook.url) }, 'by hook');
      expect(fake.messages(fake.defaultChannelId!).slice(-2).map((m) => [m.content, m.webhook_id ?? null])).toEqual([['by bot', null], ['by hook', hook.id]]);
    } finally {
      await adapter.stop();
    }
    expect(fake.gatewaySessions).toBe(0);
  });

  it('given a public key but no HTTP server to mount on, then a ConfigError naming HTTP_PORT', () => {
    const config = discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_PUBLIC_KEY: 'ab'.repeat(32), HTTP_PORT: '0' });
    expect(() => createDiscordAdapter(config, world.deps())).toThrow(ConfigError);
    expect(() => createDiscordAdapter(config, world.deps())).toThrow(/HTTP_PORT/);
  });
});

describe('translation', () => {
  test.each([
    ['an ordinary member', MEMBER_PERMISSIONS, false],
    ['a channel manager', MANAGER_PERMISSIONS, true],
    ['an administrator', (1n << 3n).toString(), true],
    ['no permissions at all', '0', false],
  ])('given %s, then canManageChannel is %s', (_who, permissions, expected) => {
    expect(canManage(BigInt(permissions))).toBe(expected);
    const inv = toInvocation({ userId: '42', guildId: '7', channelId: '9', memberPermissions: BigInt(permissions), channelName: 'general' });
    expect(inv).toEqual({
      platform: 'discord', user: { platform: 'discord', userId: '42' }, channel: { kind: 'discord-channel', channelId: '9', guildId: '7' },
      channelName: '#general', dm: { kind: 'discord-dm', userId: '42' }, canManageChannel: expected, inDm: false,
      checkPosting: expect.any(Function),
    });
  });

  it('given a DM, then the channel is the DM and it is theirs', () => {
    expect(toInvocation({ userId: '42', guildId: null, channelId: '5', memberPermissions: null })).toEqual({
      platform: 'discord', user: { platform: 'discord', userId: '42' }, channel: { kind: 'discord-dm', userId: '42' },
      dm: { kind: 'discord-dm', userId: '42' }, canManageChannel: true, inDm: true,
    });
  });

  it('given a subcommand with options, then a flat record with `subcommand`', () => {
    const options = [{ name: 'setup', type: 1, options: [{ name: 'types', type: 3, value: 'new_leader' }, { name: 'charts', type: 3, value: 'daily', focused: true }] }];
    expect(optionsRecord(options)).toEqual({ subcommand: 'setup', types: 'new_leader', charts: 'daily' });
    expect(optionsRecord([{ name: 'limit', type: 4, value: 5 }])).toEqual({ limit: 5 });
    expect(focusedValue(options)).toBe('daily');
    expect(focusedValue([])).toBe('');
  });
});
