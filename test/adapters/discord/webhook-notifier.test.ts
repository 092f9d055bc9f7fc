// WebhookNotifier (plain fetch, URLs used as given) against webhooks of the fake Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookNotifier } from '../../../src/adapters/discord/webhook-notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { webhookHash } from '../../../src/delivery/destination.js';
import { DeliveryError } from '../../../src/delivery/notifier.js';
import { DEFAULT_ALERT_TYPES } from '../../../src/store/settings-store.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { EVIL_NAME, EVIL_SLUG } from './support.js';

let fake: FakeDiscord;

const ALERT: AlertMessage = {
  eventId: `streak:daily:2026-03-11:${EVIL_SLUG}:3`,
  headline: `${EVIL_NAME} leads the daily chart for a 3rd straight day`,
  figures: [['Tokens', '1.04T']],
  url: `https://openrouter.ai/${EVIL_SLUG}`,
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: EVIL_SLUG,
  day: '2026-03-11',
};

const dest = (url: string) => ({ kind: 'discord-webhook' as const, hash: webhookHash(url) });
const failureOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DeliveryError);
const hookRequests = (id: string) => fake.requests.filter((r) => r.method === 'POST' && r.route.startsWith(`/webhooks/${id}/`));

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake?.close();
});

describe('WebhookNotifier', () => {
  it('given a webhook URL, then alerts go to it as given (host included), waited for, pinging nobody, without buttons', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!, 'Rank alerts');
    const notifier = new WebhookNotifier([hook.url]);
    expect(notifier.handles(dest(hook.url))).toBe(true);
    expect(notifier.handles({ kind: 'discord-webhook', hash: 'elsewhere' })).toBe(false);
    await notifier.send(dest(hook.url), ALERT);
    const [req] = hookRequests(hook.id);
    expect(req.query.wait).toBe('true');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect((req.body as { components?: unknown }).components).toBeUndefined();
    const [msg] = fake.webhookMessages(hook.id);
    expect(msg.embeds[0].title).toContain('Evil @\u200beveryone <@\u200b&123456789012345678>');
    expect(msg.embeds[0].footer.text).toBe(ALERT.footer);
  });

  it('given webhook URLs, then each is an implicit alert setting: default types, all four charts, by the webhook', () => {
    const urls = [`${fake.url}/webhooks/1/a`, `${fake.url}/webhooks/2/b`];
    const settings = new WebhookNotifier(urls).implicitAlerts('2026-03-12T12:00:00.000Z');
    expect(settings).toEqual(
      urls.map((url) => ({
        dest: { kind: 'discord-webhook', hash: webhookHash(url) },
        types: [...DEFAULT_ALERT_TYPES],
        charts: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'],
        by: { platform: 'discord', userId: 'webhook' },
        at: '2026-03-12T12:00:00.000Z',
      })),
    );
  });

  it('given a webhook whose channel was deleted, then gone, naming the webhook by hash and never its token', async () => {
    const hook = fake.createWebhook(fake.addChannel(fake.defaultGuildId!, { name: 'old' }).id);
    fake.deleteChannel(hook.channelId);
    const err = await failureOf(new WebhookNotifier([hook.url]).sendText(dest(hook.url), 'hello'));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ failure: 'gone' });
    expect(err!.message).toContain(`discord webhook ${webhookHash(hook.url)}`);
    expect(err!.message).toMatch(/404 10015 Unknown Webhook/);
    expect(err!.message).not.toContain(hook.token);
  });

  it('given a revoked token (401), then forbidden; 400 invalid; 5xx retry', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!);
    const wrong = `${fake.url}/webhooks/${hook.id}/${'x'.repeat(68)}`;
    expect(await failureOf(new WebhookNotifier([wrong]).sendText(dest(wrong), 'x'))).toMatchObject({ failure: 'forbidden' });
    const notifier = new WebhookNotifier([hook.url]);
    fake.failNext({ path: /^\/webhooks\//, status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } });
    expect(await failureOf(notifier.sendText(dest(hook.url), 'x'))).toMatchObject({ failure: 'invalid', message: expect.stringContaining('content: Must be 2000 or fewer in length.') });
    fake.failNext({ path: /^\/webhooks\//, status: 502 });
    expect(await failureOf(notifier.sendText(dest(hook.url), 'x'))).toMatchObject({ failure: 'retry' });
  });

  it('given a 429, then the send waits Retry-After and posts once', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!);
    fake.failNext({ path: /^\/webhooks\//, status: 429, retryAfter: 0.2 });
    const t0 = Date.now();
    await new WebhookNotifier([hook.url]).send(dest(hook.url), ALERT);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    expect(hookRequests(hook.id).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.webhookMessages(hook.id)).toHaveLength(1);
  });

  it('given a burst larger than the webhook bucket, then its headers pace the sends: all arrive, none meets a 429', async () => {
    fake.setRateLimits({ webhookExecute: { limit: 2, windowMs: 300 } });
    try {
      const hook = fake.createWebhook(fake.defaultChannelId!);
      const notifier = new WebhookNotifier([hook.url], { ceiling: { limit: 100, windowMs: 1000 } }); // only the headers pace here
      await Promise.all(Array.from({ length: 6 }, (_, i) => notifier.sendText(dest(hook.url), `burst ${i}`)));
      expect(fake.webhookMessages(hook.id).map((m) => m.content)).toEqual(Array.from({ length: 6 }, (_, i) => `burst ${i}`));
      expect(hookRequests(hook.id).filter((r) => r.status === 429)).toHaveLength(0);
    } finally {
      fake.setRateLimits({ webhookExecute: { limit: 5, windowMs: 2000 } });
    }
  });

  it('given headers that allow more, then our own ceiling per webhook still holds', async () => {
    fake.setRateLimits({ webhookExecute: { limit: 50, windowMs: 1000 } });
    try {
      const hook = fake.createWebhook(fake.defaultChannelId!);
      const notifier = new WebhookNotifier([hook.url], { ceiling: { limit: 2, windowMs: 300 } });
      await Promise.all(Array.from({ length: 5 }, (_, i) => notifier.sendText(dest(hook.url), `paced ${i}`)));
      const at = hookRequests(hook.id).map((r) => r.at);
      expect(at).toHaveLength(5);
      for (let i = 2; i < at.length; i++) expect(at[i] - at[i - 2]).toBeGreaterThanOrEqual(290);
    } finally {
      fake.setRateLimits({ webhookExecute: { limit: 5, windowMs: 2000 } });
    }
  });

  it('given a Retry-After longer than it will wait, then retry with retryAfterMs', async () => {
    const hook = fake.createWebhook(fake.defaultChannelId!);
    fake.failNext({ path: /^\/webhooks\//, status: 429, retryAfter: 5 });
    const err = await failureOf(new WebhookNotifier([hook.url], { maxWaitMs: 1000 }).sendText(dest(hook.url), 'x'));
    expect(err).toMatchObject({ failure: 'retry', retryAfterMs: 5000 });
  });
});
