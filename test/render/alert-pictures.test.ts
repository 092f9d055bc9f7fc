// Alerts carry the chart of the moment as a description (stored in the outbox), drawn at send time;
// a picture that cannot be drawn never holds the alert back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { ConsoleNotifier } from '../../src/adapters/console/console-notifier.js';
import { RestNotifier } from '../../src/adapters/discord/rest-notifier.js';
import { WebhookNotifier } from '../../src/adapters/discord/webhook-notifier.js';
import { ChartBook } from '../../src/domain/chart-book.js';
import { renderAlert, type AlertMessage } from '../../src/domain/alert-message.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { detect } from '../../src/domain/detect/detect.js';
import { buildHistory } from '../../src/domain/history.js';
import { labelModel } from '../../src/domain/names.js';
import { webhookHash } from '../../src/delivery/destination.js';
import type { AlertImage } from '../../src/delivery/notifier.js';
import { alertPictures } from '../../src/render/alert-pictures.js';
import type { PictureSource } from '../../src/render/images.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { OutboxStore } from '../../src/store/outbox-store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { capturingLogger } from '../support/world.js';
import { D, days } from '../domain/history-builder.js';
import { decode } from './png.js';

// `a/lead` leads until day 20, when `b/rise` overtakes it.
const history = buildHistory(days(D(0), 30, (i) => ({ 'a/lead': 1_000_000_000_000 - i * 5_000_000_000, 'b/rise': 700_000_000_000 + i * 15_000_000_000, 'c/third': 100_000_000_000 })));
const events = detect(history, DEFAULT_DETECT_OPTIONS);
const names = new Map();
const view: PictureSource = { book: ChartBook.from(history), meta: { syncedAt: 'test-1', asOf: `${history.completeThrough}T03:00:00Z`, completeThrough: history.completeThrough }, label: (s) => labelModel(s, names) };
const leader = events.find((e) => e.type === 'new_leader' && e.chart === 'daily' && e.subject === 'b/rise')!;
const leaderAlert = renderAlert(leader, names, `${leader.day}T03:00:00Z`);

describe('which alerts carry a picture, and how it is stored', () => {
  it('given new_leader and record_day events, then their alerts describe the chart of the moment; other types carry none', () => {
    expect(leaderAlert.picture).toEqual({ kind: 'moment', type: 'new_leader', chart: 'daily', period: leader.day, subject: 'b/rise', versus: 'a/lead' });
    const record = events.find((e) => e.type === 'record_day');
    if (record) expect(renderAlert(record, names, 'x').picture).toMatchObject({ kind: 'moment', type: 'record_day', subject: record.subject });
    for (const e of events.filter((x) => x.type !== 'new_leader' && x.type !== 'record_day')) expect(renderAlert(e, names, 'x').picture).toBeUndefined();
  });

  it('given outbox entries written before pictures, with one, and with one this version cannot read, then all parse and still owe their alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-alert-pictures-'));
    const kv = await openKeyv(`sqlite://${join(dir, 's.sqlite')}`, 'outbox');
    try {
      const outbox = new OutboxStore(kv);
      const dest = { kind: 'console' as const };
      const { picture: _none, ...old } = leaderAlert;
      await kv.set('event:old', { alert: { ...old, eventId: 'old' }, dests: [dest], createdAt: '2026-01-01T00:00:00.000Z#000000' });
      await outbox.put(leaderAlert, [dest], '2026-01-01T00:00:00.000Z#000001');
      await kv.set('event:future', { alert: { ...leaderAlert, eventId: 'future', picture: { kind: 'weekly-digest', weeks: 4 } }, dests: [dest], createdAt: '2026-01-01T00:00:00.000Z#000002' });
      const pending = await outbox.pending();
      expect(pending.map((p) => [p.alert.eventId, p.alert.picture?.kind])).toEqual([['old', undefined], [leaderAlert.eventId, 'moment'], ['future', undefined]]);
      expect(pending[1].alert).toEqual(leaderAlert);
    } finally {
      await kv.disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('drawing at send time', () => {
  it('given an alert with a picture, then it is drawn from the history the sender reads, as a 720 px PNG named for the event', async () => {
    const logger = capturingLogger();
    const image = alertPictures({ charts: async () => view, logger })(leaderAlert)!;
    expect(image.name).toBe(`new-leader-daily-${leader.day}.png`);
    expect(image.alt).toContain(leaderAlert.headline);
    const png = await image.draw({ theme: 'dark', maxBytes: 10 << 20, platform: 'test' });
    expect(decode(png!).width).toBe(720);
    expect(alertPictures({ charts: async () => view, logger })({ ...leaderAlert, picture: undefined })).toBeUndefined();
  });

  it('given a store that fails, a history without the day, or a picture over the limit, then draw gives null and says why in the log', async () => {
    const logger = capturingLogger();
    const opts = { theme: 'dark' as const, maxBytes: 10 << 20, platform: 'test' };
    const failing = alertPictures({ charts: async () => Promise.reject(new Error('store down')), logger })(leaderAlert)!;
    expect(await failing.draw(opts)).toBeNull();
    const stale = alertPictures({ charts: async () => view, logger })({ ...leaderAlert, day: '2099-01-01' })!;
    expect(await stale.draw(opts)).toBeNull();
    const big = alertPictures({ charts: async () => view, logger })(leaderAlert)!;
    expect(await big.draw({ ...opts, maxBytes: 100 })).toBeNull();
    const slow = alertPictures({ charts: () => new Promise(() => {}), logger, giveUpMs: 50 })(leaderAlert)!;
    expect(await slow.draw(opts)).toBeNull();
    expect(logger.lines.map((l) => l.msg)).toEqual([
      'alert picture failed; sent the text alone',
      'alert picture: this history lacks the day; sent the text alone',
      'alert picture over the upload limit; sent the text alone',
      'alert picture too slow; sent the text alone',
    ]);
  });
});

describe('Discord notifiers without a picture', () => {
  let fake: FakeDiscord;
  let rest: REST;
  const none: AlertImage = { name: 'x.png', alt: 'x', draw: async () => null };
  beforeAll(async () => {
    fake = await startFakeDiscord();
    rest = new REST({ api: fake.url, offset: 0, retries: 1 }).setToken(fake.token);
  });
  afterAll(async () => {
    rest?.clearHashSweeper();
    rest?.clearHandlerSweeper();
    await fake?.close();
  });

  it('given a picture that could not be drawn, then the bot channel and the webhook get the alert as text, JSON, no attachment', async () => {
    const channelId = fake.defaultChannelId!;
    await new RestNotifier(rest).send({ kind: 'discord-channel', channelId }, leaderAlert, 'k-1', none);
    const hook = fake.createWebhook(channelId, 'alerts');
    await new WebhookNotifier([hook.url]).send({ kind: 'discord-webhook', hash: webhookHash(hook.url) }, leaderAlert as AlertMessage, 'k-2', none);
    const posts = fake.requests.filter((r) => r.method === 'POST' && (r.route.startsWith('/channels/') || r.route.startsWith('/webhooks/')));
    expect(posts).toHaveLength(2);
    for (const p of posts) {
      expect(p.status).toBe(200);
      expect(p.headers['content-type']).toMatch(/^application\/json/);
      expect(p.files).toEqual([]);
      expect((p.body as { embeds: { image?: unknown }[] }).embeds[0].image).toBeUndefined();
    }
  });
});

describe('console alerts', () => {
  it('given an alert with a picture, then the PNG is written to the pictures dir and its path printed under the alert; without one, the text alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-console-pictures-'));
    try {
      const printed: string[] = [];
      const logger = capturingLogger();
      const notifier = new ConsoleNotifier((t) => printed.push(t), false, { dir, logger });
      await notifier.send({ kind: 'console' }, leaderAlert, 'k', alertPictures({ charts: async () => view, logger })(leaderAlert));
      const path = join(dir, `new-leader-daily-${leader.day}.png`);
      expect(printed[0].split('\n').at(-1)).toBe(`Picture: ${path}`);
      expect(existsSync(path) && decode(readFileSync(path)).width).toBe(720);
      await notifier.send({ kind: 'console' }, leaderAlert, 'k', { name: 'x.png', alt: 'x', draw: async () => null });
      expect(printed[1]).not.toContain('Picture:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
