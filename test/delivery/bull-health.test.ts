// A delivery worker that loses Redis says so on the health board, and recovers by itself: its
// connection goes through a proxy the test cuts and restores.
import { createServer, connect as tcp, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/delivery/destination.js';
import { HealthBoard } from '../../src/health/health.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { alertOf, discordNotifier, redisWorld, REDIS_URL, SKIP_LINE, until } from './bull-support.js';

if (!REDIS_URL) console.log(SKIP_LINE);

function redisProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = tcp(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) sockets.add(s), s.on('close', () => sockets.delete(s)), s.on('error', () => s.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => ((port = (server!.address() as { port: number }).port), resolve()));
    });
  return {
    listen,
    url: () => `redis://127.0.0.1:${port}`,
    async cut() {
      const closed = new Promise((r) => server!.close(r));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

describe.skipIf(!REDIS_URL)('a delivery worker losing Redis', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('given a worker whose Redis goes away, then its health part says retrying, and once Redis is back it is ok again and delivers what was queued meanwhile', async () => {
    const discord = await startFakeDiscord();
    const world = await redisWorld();
    const proxy = redisProxy(new URL(REDIS_URL!));
    await proxy.listen();
    const notifier = discordNotifier(discord.url, discord.token);
    cleanups.push(() => discord.close(), () => proxy.cut().catch(() => undefined), () => world.close(), () => notifier.close());
    const health = new HealthBoard(() => new Date());
    const worker = world.delivery({ notifiers: [notifier.notifier], work: true, health, connection: proxy.url() });
    await worker.ready();
    expect(health.get('delivery queue')?.state).toBe('ok');

    await proxy.cut();
    await until(() => health.get('delivery queue')?.state === 'retrying', 5_000, 'retrying');
    expect(health.get('delivery queue')?.detail).toMatch(/Redis unreachable/);
    const dest: Destination = { kind: 'discord-channel', channelId: discord.guilds[0].channelIds[0], guildId: discord.guilds[0].id };
    const createdAt = `${new Date().toISOString()}#1`;
    await world.outbox.put(alertOf('e1'), [dest], createdAt);
    await world.delivery({ notifiers: [], work: false }).enqueue([{ alert: alertOf('e1'), dest, createdAt }]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(discord.messages(dest.channelId)).toHaveLength(0);

    await proxy.listen();
    await until(() => health.get('delivery queue')?.state === 'ok', 15_000, 'ok again');
    await until(() => discord.messages(dest.channelId).length === 1, 15_000, 'the queued alert');
    await worker.idle();
    expect(await world.outbox.pending()).toEqual([]);
  }, 40_000);
});
