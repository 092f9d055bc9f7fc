// A forum destination with a mention, through both delivery paths: the in-process Deliverer and
// BullMQ workers (real Redis, two workers sharing the thread memory in the store). Neither path
// knows about mentions or threads: the notifiers look them up at send time (SendContext).
import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { RestNotifier } from '../../src/adapters/discord/rest-notifier.js';
import { Deliverer } from '../../src/delivery/deliverer.js';
import type { Destination } from '../../src/delivery/destination.js';
import type { DeliveryQueue } from '../../src/delivery/queue.js';
import { sendContext } from '../../src/delivery/send-context.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { silentLogger } from '../../src/logger.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { BACKENDS } from '../support/stores.js';
import { recordingDeadEnds, redisWorld, REDIS_URL, SKIP_LINE, uniqueName } from './bull-support.js';

const ROLE = '456789012345678901';
const alert = (type: 'new_leader' | 'streak', day: string, n: number): AlertMessage => ({
  eventId: `${type}:daily:${day}:x/y${type === 'streak' ? `:${n}` : ''}`, headline: `${type} ${day} #${n}`, figures: [['Tokens', '1T']], url: 'https://openrouter.ai/x/y', linkLabel: 'x/y', footer: 'f', day,
});
const ALERTS = [alert('new_leader', '2026-04-04', 1), alert('streak', '2026-04-04', 2), alert('streak', '2026-04-05', 3)];

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

if (!REDIS_URL) console.log(SKIP_LINE);

describe('a forum destination with a mention, in both delivery paths', () => {
  it.each([['in-process'], ...(REDIS_URL ? [['BullMQ']] : [])])('given %s delivery, then one post per day, replies in it, and only the new_leader pings the role', async (path) => {
    const discord = await startFakeDiscord();
    // The store both workers share: Redis for the fleet, SQLite in process.
    const sqlite = await BACKENDS[0].open();
    const settingsKv = path === 'BullMQ' ? await openKeyv(REDIS_URL!, uniqueName('settings')) : sqlite.kv;
    cleanups.push(() => discord.close(), () => sqlite.close(), async () => path === 'BullMQ' && (await settingsKv.clear(), await settingsKv.disconnect()));
    const forum = discord.addChannel(discord.defaultGuildId!, { name: 'forum', type: 15 }).id;
    const dest: Destination = { kind: 'discord-channel', channelId: forum, guildId: discord.defaultGuildId! };
    const worker = () => {
      const rest = new REST({ api: discord.url, retries: 0, offset: 0 }).setToken(discord.token);
      cleanups.push(() => (rest.clearHashSweeper(), rest.clearHandlerSweeper()));
      const settings = new SettingsStore(settingsKv);
      return { settings, notifier: new RestNotifier(rest, discord.token, sendContext(settings, settingsKv)) };
    };
    const [a, b] = [worker(), worker()];
    await a.settings.updatePrefs(dest, { mention: { target: `role:${ROLE}`, types: ['new_leader'] } }, { platform: 'discord', userId: '1' }, '2026-04-05T00:00:00Z');
    await b.settings.reload();
    let queue: DeliveryQueue;
    if (path === 'BullMQ') {
      const world = await redisWorld();
      cleanups.push(() => world.close());
      world.delivery({ notifiers: [a.notifier], work: true, paceMs: { 'discord-channel': 0 } });
      world.delivery({ notifiers: [b.notifier], work: true, paceMs: { 'discord-channel': 0 } });
      queue = world.delivery({ notifiers: [], work: false });
      for (const [i, x] of ALERTS.entries()) await world.outbox.put(x, [dest], `2026-04-05T00:00:00.000Z#00000${i}`);
      await queue.enqueue(ALERTS.map((x, i) => ({ alert: x, dest, createdAt: `2026-04-05T00:00:00.000Z#00000${i}` })));
    } else {
      const outboxKv = await openKeyv(sqlite.url, 'outbox');
      cleanups.push(() => outboxKv.disconnect());
      const outbox = new OutboxStore(outboxKv);
      const deliverer = new Deliverer({ outbox, notifiers: [a.notifier], deadEnds: recordingDeadEnds(), logger: silentLogger, clock: () => new Date() });
      cleanups.push(() => deliverer.stop());
      for (const [i, x] of ALERTS.entries()) await outbox.put(x, [dest], `2026-04-05T00:00:00.000Z#00000${i}`);
      queue = deliverer;
      queue.enqueue(ALERTS.map((x) => ({ alert: x, dest })));
    }
    await queue.idle();
    const posts = discord.threadsIn(forum);
    expect(posts.map((p) => p.name)).toEqual(['Alerts for 2026-04-04 (UTC)', 'Alerts for 2026-04-05 (UTC)']);
    expect(posts.map((p) => discord.messages(p.id).map((m) => m.embeds[0].title))).toEqual([['new_leader 2026-04-04 #1', 'streak 2026-04-04 #2'], ['streak 2026-04-05 #3']]);
    expect(posts.flatMap((p) => discord.messages(p.id).map((m) => m.pings))).toEqual([[`role:${ROLE}`], [], []]);
  }, 30_000);
});
