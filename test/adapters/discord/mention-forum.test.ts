// Mentions, forum posts per day and threads through the real @discordjs/rest against the Discord
// stand-in, with the settings and the thread memory in a real store (keyv on SQLite).
import { REST } from 'discord.js';
import type Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../../commands/index.js';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { applicationCommand } from '../../../src/adapters/discord/commands.js';
import { RestNotifier } from '../../../src/adapters/discord/rest-notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { sendContext } from '../../../src/delivery/send-context.js';
import { openKeyv } from '../../../src/store/open-keyv.js';
import { SettingsStore } from '../../../src/store/settings-store.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { BACKENDS } from '../../support/stores.js';
import { allStrings, discordConfig, EVIL_NAME, EVIL_SLUG, LIVE_MENTION, MANAGER_PERMISSIONS, testWorld } from './support.js';

const ROLE = '345678901234567890';
const BY = { platform: 'discord' as const, userId: '1' };
const alert = (type: string, day: string, n = 1): AlertMessage => ({
  eventId: `${type}:daily:${day}:${EVIL_SLUG}${type === 'streak' ? `:${n}` : ''}`,
  headline: `${EVIL_NAME} ${type} on ${day} (${n})`,
  figures: [['Tokens', '1.04T']],
  url: `https://openrouter.ai/${EVIL_SLUG}`,
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings)',
  followModel: EVIL_SLUG,
  day,
});

let fake: FakeDiscord;
let store: Awaited<ReturnType<(typeof BACKENDS)[0]['open']>>;
const rests: REST[] = [];
const kvs: Keyv[] = [];

/** A process: its own REST client, settings store and notifier over the one store. */
async function aProcess(): Promise<{ notifier: RestNotifier; settings: SettingsStore }> {
  const kv = await openKeyv(store.url, 'rankwatch-settings');
  kvs.push(kv);
  const rest = new REST({ api: fake.url, offset: 0, retries: 0 }).setToken(fake.token);
  rests.push(rest);
  const settings = new SettingsStore(kv);
  return { notifier: new RestNotifier(rest, fake.token, sendContext(settings, kv)), settings };
}
const channel = (id: string) => ({ kind: 'discord-channel' as const, channelId: id, guildId: fake.defaultGuildId! });

beforeAll(async () => {
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
  store = await BACKENDS[0].open();
});
afterAll(async () => {
  for (const r of rests) r.clearHashSweeper(), r.clearHandlerSweeper();
  for (const kv of kvs) await kv.disconnect();
  await store?.close();
  await fake?.close();
});

describe('Discord mentions', () => {
  it('given a role chosen for new_leader, then a new_leader alert pings exactly that role and a streak pings nobody', async () => {
    const { notifier, settings } = await aProcess();
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'alerts' }).id;
    await settings.updatePrefs(channel(id), { mention: { target: `role:${ROLE}`, types: ['new_leader'] } }, BY, '2026-03-12T00:00:00Z');
    await notifier.send(channel(id), alert('new_leader', '2026-03-11'), 'k1');
    await notifier.send(channel(id), alert('streak', '2026-03-11'), 'k2');
    const [pinging, quiet] = fake.messages(id);
    expect(pinging).toMatchObject({ content: `<@&${ROLE}>`, pings: [`role:${ROLE}`], mention_everyone: false });
    const sent = fake.requests.filter((r) => r.route === `/channels/${id}/messages`).map((r) => r.body as { allowed_mentions: unknown; content?: string });
    expect(sent[0].allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    // Nothing but the content's one role could ever ping: every other string carries no live mention.
    for (const s of allStrings({ ...sent[0], content: undefined, allowed_mentions: undefined })) expect(s).not.toMatch(LIVE_MENTION);
    expect(quiet).toMatchObject({ content: '', pings: [] });
    expect(sent[1]).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('given @here, then the content is @here alone, allowed through parse everyone, and pings only @here', async () => {
    const { notifier, settings } = await aProcess();
    const id = fake.addChannel(fake.defaultGuildId!, { name: 'here' }).id;
    await settings.updatePrefs(channel(id), { mention: { target: 'here', types: ['new_leader', 'streak'] } }, BY, '2026-03-12T00:00:00Z');
    await notifier.send(channel(id), alert('streak', '2026-03-11'), 'k3');
    expect(fake.messages(id)[0]).toMatchObject({ content: '@here', pings: ['@here'] });
    expect(fake.requests.findLast((r) => r.route === `/channels/${id}/messages`)!.body).toMatchObject({ allowed_mentions: { parse: ['everyone'] } });
  });

  it('given the registry, then /alerts mention offers Discord role picker (option type 8)', () => {
    const mention = applicationCommand(REGISTRY.get('alerts')!).options!.find((o) => o.name === 'mention') as { options: { name: string; type: number }[] };
    expect(mention.options.map((o) => [o.name, o.type])).toEqual([['role', 8], ['target', 3], ['types', 3]]);
  });
});

describe('Discord forums and threads', () => {
  it('given a forum, then each day gets one post started by its first alert, later alerts reply in it, and a restart keeps the thread', async () => {
    const first = await aProcess();
    const forum = fake.addChannel(fake.defaultGuildId!, { name: 'rankings', type: 15 }).id;
    await first.settings.updatePrefs(channel(forum), { mention: { target: `role:${ROLE}`, types: ['new_leader'] } }, BY, '2026-03-12T00:00:00Z');
    await first.notifier.send(channel(forum), alert('new_leader', '2026-03-11'), 'f1');
    await first.notifier.send(channel(forum), alert('streak', '2026-03-11', 2), 'f2');
    await first.notifier.send(channel(forum), alert('streak', '2026-03-12', 3), 'f3');
    const posts = fake.threadsIn(forum);
    expect(posts.map((p) => p.name)).toEqual(['Alerts for 2026-03-11 (UTC)', 'Alerts for 2026-03-12 (UTC)']);
    const [day1, day2] = posts.map((p) => fake.messages(p.id));
    expect(day1.map((m) => m.embeds[0].title)).toEqual([expect.stringContaining('new_leader on 2026-03-11'), expect.stringContaining('streak on 2026-03-11')]);
    expect(day1[0]).toMatchObject({ id: posts[0].id, content: `<@&${ROLE}>`, pings: [`role:${ROLE}`] });
    expect(day1[1].pings).toEqual([]);
    expect(day2).toHaveLength(1);
    // The forum itself refused one plain message (how the bot learnt it is a forum), then took posts only.
    const refused = () => fake.requests.filter((r) => r.route === `/channels/${forum}/messages` && (r.responseBody as { code?: number })?.code === 40058);
    expect(refused()).toHaveLength(1);
    expect(fake.messages(forum)).toHaveLength(0);

    const restarted = await aProcess();
    await restarted.notifier.send(channel(forum), alert('streak', '2026-03-11', 4), 'f4');
    expect(fake.threadsIn(forum)).toHaveLength(2);
    expect(fake.messages(posts[0].id)).toHaveLength(3);
    expect(refused()).toHaveLength(1);
  });

  it('given the day’s post was locked, then the next alert of that day starts a new post', async () => {
    const { notifier } = await aProcess();
    const forum = fake.addChannel(fake.defaultGuildId!, { name: 'locked-forum', type: 15 }).id;
    await notifier.send(channel(forum), alert('streak', '2026-03-11', 5), 'l1');
    const [post] = fake.threadsIn(forum);
    Object.assign(post.thread_metadata, { archived: true, locked: true });
    await notifier.send(channel(forum), alert('streak', '2026-03-11', 6), 'l2');
    expect(fake.threadsIn(forum).map((p) => fake.messages(p.id).length)).toEqual([1, 1]);
  });

  it('given a thread as the destination, then alerts are messages in the thread (an archived one is reopened)', async () => {
    const { notifier } = await aProcess();
    const parent = fake.addChannel(fake.defaultGuildId!, { name: 'text' }).id;
    const thread = fake.addChannel(fake.defaultGuildId!, { name: 'alerts-thread', type: 11, parent_id: parent, archived: true }).id;
    await notifier.send(channel(thread), alert('streak', '2026-03-11', 7), 't1');
    expect(fake.messages(thread)).toHaveLength(1);
    expect(fake.channel(thread)!.thread_metadata.archived).toBe(false);
    expect(fake.messages(parent)).toHaveLength(0);
  });
});

describe('Discord: a forum chosen from one of its posts, end to end through the gateway bot', () => {
  it('given /alerts mention typed in a forum post, then the forum is the destination and its day post pings the role', async () => {
    const world = await testWorld();
    const forum = fake.addChannel(fake.defaultGuildId!, { name: 'rankings-forum', type: 15 }).id;
    const post = fake.addChannel(fake.defaultGuildId!, { name: 'setup here', type: 11, parent_id: forum }).id;
    const config = discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url });
    const adapter: ChatAdapter = createDiscordAdapter(config, world.deps(), { restOptions: { offset: 0 } })!;
    try {
      await adapter.start();
      const options = [{ name: 'mention', type: 1, options: [{ name: 'role', type: 8, value: ROLE }, { name: 'types', type: 3, value: 'new_leader' }] }];
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'alerts', options, channelId: post, memberPermissions: MANAGER_PERMISSIONS }));
      expect(res.callback.data!.content).toBe(`Alerts in #rankings-forum about new_leader now ping the role with id ${ROLE}; every other alert pings nobody. Stop with /alerts mention off.`);
      expect((await world.settings.prefsFor(channel(forum)))?.mention).toEqual({ target: `role:${ROLE}`, types: ['new_leader'] });
      await adapter.notifier!.send(channel(forum), alert('new_leader', '2026-03-11'), 'g1');
      const [day] = fake.threadsIn(forum).filter((t) => t.id !== post);
      expect(fake.messages(day.id)[0]).toMatchObject({ content: `<@&${ROLE}>`, pings: [`role:${ROLE}`] });
    } finally {
      await adapter.stop();
      await world.close();
    }
  });
});

describe('the Discord stand-in keeps the forum, thread and mention rules', () => {
  it('given requests that break them, then it answers as Discord does', async () => {
    const rest = new REST({ api: fake.url, offset: 0, retries: 0 }).setToken(fake.token);
    rests.push(rest);
    const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: number }) => e.code);
    const forum = fake.addChannel(fake.defaultGuildId!, { name: 'rules', type: 15 }).id;
    const locked = fake.addChannel(fake.defaultGuildId!, { name: 'locked', type: 11, parent_id: forum, archived: true, locked: true }).id;
    const text = fake.addChannel(fake.defaultGuildId!, { name: 'plain' }).id;
    expect(await codeOf(rest.post(`/channels/${forum}/messages`, { body: { content: 'hi' } }))).toBe(40058);
    expect(await codeOf(rest.post(`/channels/${forum}/threads`, { body: { name: 'no message' } }))).toBe(50035);
    expect(await codeOf(rest.post(`/channels/${forum}/threads`, { body: { name: 'x'.repeat(101), message: { content: 'hi' } } }))).toBe(50035);
    expect(await codeOf(rest.post(`/channels/${forum}/threads`, { body: { name: 'empty', message: {} } }))).toBe(50006);
    expect(await codeOf(rest.post(`/channels/${locked}/messages`, { body: { content: 'hi' } }))).toBe(50083);
    // Without allowed_mentions a bot message parses every mention in its content.
    await rest.post(`/channels/${text}/messages`, { body: { content: `@everyone <@&${ROLE}>` } });
    expect(fake.messages(text)[0]).toMatchObject({ mention_everyone: true, mention_roles: [ROLE], pings: ['@everyone', `role:${ROLE}`] });
  });
});
