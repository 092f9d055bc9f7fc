// A fleet of real processes, as docker-compose.yml runs it: two pollers, two delivery workers and two
// gateways, on one PostgreSQL store and one Redis, against the Discord and OpenRouter stand-ins.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, dayOf } from '../../src/domain/calendar.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeDiscord, type FakeDiscord, type InteractionResult, type Json } from '../fakes/discord/index.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';
import { freePort, healthzUntil, startBot } from '../support/bot-process.js';
import { isolatedStores, type IsolatedStore } from '../store/isolated-store.js';
import { announceRedisSkip, dropPrefix, REDIS_URL, uniquePrefix } from '../support/redis.js';

announceRedisSkip();
const POSTGRES_URL = process.env.RANKWATCH_TEST_POSTGRES_URL;
if (REDIS_URL && !POSTGRES_URL) console.log('[rankwatch] skipping the fleet processes suite: set RANKWATCH_TEST_POSTGRES_URL too');

const ADMIN = (1n << 3n).toString();
const OWNER = '311111111111111111';
const FAN = '344444444444444444';
const yesterday = addDays(dayOf(new Date()), -1);
const first = addDays(yesterday, -30);

type Bot = ReturnType<typeof startBot>;

describe.skipIf(!REDIS_URL || !POSTGRES_URL)('a fleet of real processes on Redis (BullMQ) and PostgreSQL', () => {
  const prefix = uniquePrefix();
  let store: IsolatedStore;
  let openrouter: FakeOpenRouter;
  let discord: FakeDiscord;
  let general: string;
  const bots: { role: string; bot: Bot; port: number }[] = [];

  const rankingsFetches = () => openrouter.requests.filter((r) => r.path.endsWith('/datasets/rankings-daily'));
  /** The message /alerts setup posts in the channel it sets up, for everyone to see. */
  const CONFIRMATION = /^Alerts (set up|changed) here by /;
  const posts = (channelId: string) => discord.requests.filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && !CONFIRMATION.test(String((r.body as Json)?.content ?? '')));
  const alertsIn = (channelId: string) => discord.messages(channelId).filter((m) => !CONFIRMATION.test(m.content ?? ''));
  const dmChannel = () => discord.requests.find((r) => r.method === 'POST' && r.route === '/users/@me/channels' && (r.body as Json)?.recipient_id === FAN);
  const command = (name: string, userId: string, options: Json[], memberPermissions = ADMIN) =>
    discord.dispatchInteraction(discord.chatInput({ name, channelId: general, userId, memberPermissions, options }));

  /** The answer's words: its content and its embeds' titles and descriptions. */
  async function answerOf(res: InteractionResult): Promise<string> {
    const msg = res.callback.type === 4 ? res.callback.data! : await vi.waitFor(() => res.original() ?? Promise.reject(new Error('not answered yet')), { timeout: 8000 });
    const embeds = ((msg.embeds ?? []) as Json[]).map((e) => `${e.title ?? ''} ${e.description ?? ''}`);
    return [String(msg.content ?? ''), ...embeds].join(' ').trim();
  }

  beforeAll(async () => {
    store = (await isolatedStores('fleet', 12)).find((s) => s.name === 'postgres')!;
    // Beta overtakes Alpha yesterday; at first OpenRouter has settled only the day before.
    const rows = setDay(days(first, 31, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    openrouter = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z`, ratePerMinute: 10_000, perDay: 100_000 });
    discord = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
    general = discord.guilds[0].channelIds[0];
    const env = {
      OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: openrouter.url, STORE_URL: store.url,
      REDIS_URL: REDIS_URL!, REDIS_PREFIX: prefix, POLL_CRON: '*/2 * * * * *', LOG_LEVEL: 'info',
      DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.url,
    };
    // The first poller builds the store (its first sync is silent) before the others join.
    for (const role of ['poller', 'poller', 'delivery', 'delivery', 'gateway', 'gateway']) {
      const port = await freePort();
      const bot = startBot({ ...env, HTTP_PORT: String(port) }, ['start', '--role', role]);
      bots.push({ role, bot, port });
      const healthy = await healthzUntil(port, (status) => status === 200, 30_000);
      if (healthy?.status !== 200) throw new Error(`${role} never became healthy: ${JSON.stringify(healthy?.body)}\n${bot.err()}`);
    }
    expect(discord.gatewaySessions).toBe(2);
  }, 120_000);

  afterAll(async () => {
    for (const { bot } of bots) bot.proc.kill('SIGTERM');
    await Promise.all(bots.map(({ bot }) => bot.exited));
    await discord?.close();
    await openrouter?.close();
    if (REDIS_URL) await dropPrefix(prefix);
    await store?.drop();
  }, 60_000);

  it('polls once per tick however many pollers run', async () => {
    const before = rankingsFetches().length;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    const ticks = Math.ceil((Date.now() - started) / 2000) + 1;
    const fetched = rankingsFetches().length - before;
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(fetched).toBeLessThanOrEqual(ticks);
  }, 20_000);

  it('answers each command once though both gateways receive it', async () => {
    const setup = await command('alerts', OWNER, [{ name: 'setup', type: 1, options: [{ name: 'types', type: 3, value: 'new_leader' }, { name: 'charts', type: 3, value: 'daily' }] }]);
    expect(await answerOf(setup)).toMatch(/^Alerts on for #general: new_leader on the daily chart/);
    const test = await command('alerts', OWNER, [{ name: 'test', type: 1 }]);
    await answerOf(test);
    await vi.waitFor(() => expect(posts(general)).toHaveLength(1), { timeout: 8000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(posts(general)).toHaveLength(1);
    expect(discord.messages(general).filter((m) => CONFIRMATION.test(m.content ?? ''))).toHaveLength(1);
    expect(discord.requests.filter((r) => r.route?.includes('/callback'))).toHaveLength(2);
  }, 30_000);

  it('plans a subscription made through a gateway on a poller, and one delivery worker sends each alert once', async () => {
    const sub = await command('subscribe', FAN, [{ name: 'model', type: 3, value: 'b/beta' }], '0');
    expect(await answerOf(sub)).toMatch(/beta/i);
    openrouter.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    await vi.waitFor(() => expect(posts(general)).toHaveLength(2), { timeout: 20_000 });
    await vi.waitFor(() => expect(dmChannel()).toBeDefined(), { timeout: 10_000 });
    const dm = (dmChannel()!.responseBody as Json).id as string;
    await vi.waitFor(() => expect(discord.messages(dm).length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 3000));
    expect(posts(general)).toHaveLength(2);
    expect(alertsIn(general)[1].embeds[0].title).toMatch(/^beta takes #1 on the daily chart/);
    const titles = discord.messages(dm).map((m) => m.embeds[0]?.title as string);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.some((t) => /^beta takes #1/.test(t))).toBe(true);
  }, 60_000);

  it('keeps every part healthy, and each one shows only its own parts', async () => {
    for (const { role, port } of bots) {
      const h = await healthzUntil(port, (status) => status === 200, 5_000);
      expect(h?.status, role).toBe(200);
    }
  });
});
