import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../src/adapters/console/console-chat.js';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config.js';
import { addDays, dayOf } from '../../src/domain/calendar.js';
import { silentLogger } from '../../src/logger.js';
import { openStores } from '../../src/store/open-stores.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter } from '../fakes/openrouter.js';
import { announceSkips } from '../support/stores.js';
import { isolatedStores } from './isolated-store.js';

const CUT_MS = 20_000;
const postgres = (await isolatedStores('link', 13)).find((s) => s.name === 'postgres');
if (!postgres) announceSkips();

/** A TCP proxy to PostgreSQL on 127.0.0.1 that can cut every connection and refuse new ones, then come back on the same port. */
async function linkTo(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const up = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, up]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => (sockets.delete(s), client.destroy(), up.destroy()));
        }
        client.pipe(up).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    cut() {
      // Stop accepting first, then drop what is open (close()'s callback would wait for those).
      server!.close();
      for (const s of sockets) s.destroy();
    },
    restore: () => listen(port),
    close() {
      server!.close();
      for (const s of sockets) s.destroy();
    },
  };
}

describe.skipIf(!postgres)('PostgreSQL link cut mid-run', () => {
  afterAll(() => postgres?.drop());

  it('given idle pooled connections, when the link drops them, then the pool reports it and the process lives on', async () => {
    const target = new URL(postgres!.url);
    const link = await linkTo(target);
    const lost: string[] = [];
    const stores = await openStores(`postgres://${target.username}@127.0.0.1:${link.port}${target.pathname}`, { logger: { ...silentLogger, warn: (_o: unknown, m?: string) => void lost.push(m ?? '') } });
    try {
      await Promise.all([stores.history.get('a'), stores.settings.get('b'), stores.outbox.get('c')]);
      link.cut();
      await new Promise((r) => setTimeout(r, 300));
      expect(lost[0]).toMatch(/PostgreSQL connection lost/);
      await expect(stores.history.set('x', 1)).rejects.toThrow();
      await link.restore();
      await stores.history.set('x', 1);
      expect(await stores.history.get('x')).toBe(1);
    } finally {
      await stores.close();
      link.close();
    }
  });

  it(`given a running bot, when the link to PostgreSQL is cut for ${CUT_MS / 1000} s, then the process survives, a poll during the cut fails, and after the link returns the bot carries on`, async () => {
    const target = new URL(postgres!.url);
    const link = await linkTo(target);
    const yesterday = addDays(dayOf(new Date()), -1);
    const rows = setDay(days(addDays(yesterday, -40), 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    const fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
    const url = `postgres://${target.username}@127.0.0.1:${link.port}${target.pathname}`;
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const lost: unknown[] = [];
    const app = await createApp(loadConfig({ STORE_URL: url, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url, LOG_LEVEL: 'silent' }), {
      logger: { ...silentLogger, warn: (_o: unknown, m?: string) => void lost.push(m) },
      extraAdapters: (deps) => [createConsoleChat(deps, { input: Readable.from([]), output, interactive: false, onEnd: () => undefined })],
    });
    try {
      await app.start({ schedule: false });
      expect((await app.runtime.history.meta())?.completeThrough).toBe(addDays(yesterday, -1));

      link.cut();
      await new Promise((r) => setTimeout(r, 200));
      await expect(app.poller.pollOnce()).rejects.toThrow();
      await new Promise((r) => setTimeout(r, CUT_MS));
      await link.restore();

      fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
      const after = await app.poller.pollOnce();
      await app.deliverer.idle();
      expect(after.events).toBeGreaterThan(0);
      expect(lost).toContain('PostgreSQL connection lost; queries fail until it is back');
      expect(printed).toContain("🔔 beta takes #1 on the daily chart with 700B tokens, ending alpha's 40-day reign");
    } finally {
      await app.stop();
      link.close();
      await fake.close();
    }
  }, CUT_MS + 30_000);
});
