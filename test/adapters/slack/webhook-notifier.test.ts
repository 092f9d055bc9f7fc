import { afterEach, describe, expect, it } from 'vitest';
import { SlackWebhookNotifier } from '../../../src/adapters/slack/webhook-notifier.js';
import { webhookHash } from '../../../src/delivery/destination.js';
import { DeliveryError } from '../../../src/delivery/notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { DEFAULT_ALERT_TYPES } from '../../../src/store/settings-store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { EVIL_NAME } from './support.js';

const GENERAL = 'C0GENERAL1';
const alert: AlertMessage = {
  eventId: 'e1',
  headline: `${EVIL_NAME} sets the all-time record: 1.04T tokens in one day`,
  figures: [['Tokens', '1.04T']],
  url: 'https://openrouter.ai/evil/evil-model',
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: 'evil/evil-model',
  day: '2026-03-11',
};

const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function setup(webhookPerHook: { rate: number; burst: number } | false = false) {
  const fake = await startFakeSlack({ rateLimits: { webhookPerHook } });
  fakes.push(fake);
  const url = fake.createIncomingWebhook(GENERAL);
  const notifier = new SlackWebhookNotifier([url], { intervalMs: 1000 });
  return { fake, url, notifier, dest: { kind: 'slack-webhook' as const, hash: webhookHash(url) } };
}

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('SlackWebhookNotifier', () => {
  it('given SLACK_WEBHOOK_URLS, exposes one hashed destination per URL with the default alerts on all charts', async () => {
    const notifier = new SlackWebhookNotifier(['https://hooks.slack.com/services/T1/B1/a', 'https://hooks.slack.com/services/T1/B2/b']);
    expect(notifier.destinations).toEqual([
      { kind: 'slack-webhook', hash: webhookHash('https://hooks.slack.com/services/T1/B1/a') },
      { kind: 'slack-webhook', hash: webhookHash('https://hooks.slack.com/services/T1/B2/b') },
    ]);
    const [setting] = notifier.implicitAlerts('2026-03-12T00:00:00.000Z');
    expect(setting).toEqual({
      dest: notifier.destinations[0],
      types: [...DEFAULT_ALERT_TYPES],
      charts: ['daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly'],
      by: { platform: 'slack', userId: 'webhook' },
      at: '2026-03-12T00:00:00.000Z',
    });
    expect(notifier.handles({ kind: 'slack-webhook', hash: 'nope' })).toBe(false);
    expect(notifier.handles({ kind: 'slack-channel', teamId: 'T', channelId: 'C' })).toBe(false);
  });

  it('given an alert, posts JSON {text, blocks} to the URL exactly as given, without the Follow button', async () => {
    const { fake, url, notifier, dest } = await setup();
    await notifier.send(dest, alert, 'k');
    const [post] = fake.webhookPosts(GENERAL);
    expect(post.url).toBe(url);
    expect(post.status).toBe(200);
    expect(post.body.text).toBe('Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone sets the all-time record: 1.04T tokens in one day');
    expect((post.body.blocks as { type: string }[]).map((b) => b.type)).toEqual(['header', 'section', 'context']);
    const req = fake.requests.find((r) => r.path.startsWith('/services/'))!;
    expect(req.headers['content-type']).toBe('application/json');
    await notifier.sendText(dest, 'plain <!here>'); // the notifier itself waits out the 1/s pace
    expect(fake.webhookPosts(GENERAL)[1].body).toEqual({ text: 'plain &lt;!here&gt;' });
  });

  it.each([
    [{ error: 'channel_not_found' }, 'gone', 404],
    [{ error: 'channel_is_archived' }, 'gone', 410],
    [{ error: 'action_prohibited' }, 'forbidden', 403],
    [{ error: 'invalid_payload' }, 'invalid', 400],
    [{ error: 'invalid_blocks' }, 'invalid', 400],
    [{ error: 'no_text' }, 'invalid', 400],
    [{ error: 'rollup_error', httpStatus: 500 }, 'retry', 500],
    [{ httpStatus: 503, error: 'service_unavailable' }, 'retry', 503],
  ] as const)('given the hook answers %j, fails %s', async (fault, want, status) => {
    const { fake, notifier, dest } = await setup();
    fake.failNext({ method: 'incoming-webhook', ...fault });
    const err = await failure(notifier.send(dest, alert, 'k'));
    expect(err.failure).toBe(want);
    expect(err.message).toContain(`slack-webhook:${dest.hash}`);
    expect(err.message).toContain(String(status));
    expect(err.message).not.toContain(fake.baseUrl); // the URL is a secret
  });

  it('given a 429 with Retry-After, fails retry with the wait; an unknown hook (no_service) is gone', async () => {
    const { fake, notifier, dest } = await setup();
    fake.failNext({ method: 'incoming-webhook', httpStatus: 429, retryAfter: 7 });
    const limited = await failure(notifier.send(dest, alert, 'k'));
    expect([limited.failure, limited.retryAfterMs]).toEqual(['retry', 7000]);
    const stale = new SlackWebhookNotifier([`${fake.baseUrl}/services/T0FAKETEAM/B0NOPE/abc`]);
    const gone = await failure(stale.sendText(stale.destinations[0], 'x'));
    expect([gone.failure, gone.message]).toEqual(['gone', expect.stringContaining('404 no_service')]);
  });

  it('given an archived channel, fails gone; an unconfigured hash is gone too', async () => {
    const { fake, notifier, dest } = await setup();
    fake.archiveChannel(GENERAL);
    expect((await failure(notifier.send(dest, alert, 'k'))).failure).toBe('gone');
    expect((await failure(notifier.sendText({ kind: 'slack-webhook', hash: 'deadbeef' }, 'x'))).failure).toBe('gone');
  });

  it('given a hook that is not reachable, fails retry', async () => {
    const notifier = new SlackWebhookNotifier(['http://127.0.0.1:1/services/T/B/x'], { timeoutMs: 2000 });
    expect((await failure(notifier.sendText(notifier.destinations[0], 'x'))).failure).toBe('retry');
  });

  it('given 3 alerts for one hook limited to 1/s, sends them a second apart with no 429', async () => {
    const { fake, notifier, dest } = await setup({ rate: 1, burst: 1 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map((i) => notifier.sendText(dest, `m${i}`)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1950);
    expect(fake.webhookPosts(GENERAL).map((p) => [p.status, p.body.text])).toEqual([
      [200, 'm1'],
      [200, 'm2'],
      [200, 'm3'],
    ]);
  });
});
