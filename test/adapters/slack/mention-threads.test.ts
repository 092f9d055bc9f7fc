// Mentions and daily threads through the real WebClient against the Slack stand-in, with the
// settings and the thread memory in a real store (keyv on SQLite): a restart keeps the thread.
import { LogLevel, webApi } from '@slack/bolt';
import type Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { sendContext } from '../../../src/delivery/send-context.js';
import { openKeyv } from '../../../src/store/open-keyv.js';
import { SettingsStore } from '../../../src/store/settings-store.js';
import { pingsOf, startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { BACKENDS } from '../../support/stores.js';
import { EVIL_NAME } from './support.js';

const TEAM = 'T0FAKETEAM';
const BY = { platform: 'slack' as const, userId: 'U1', teamId: TEAM };
const channel = (channelId: string) => ({ kind: 'slack-channel' as const, teamId: TEAM, channelId });
const alert = (type: string, day: string, n = 1): AlertMessage => ({
  eventId: `${type}:daily:${day}:evil/evil-model${type === 'streak' ? `:${n}` : ''}`,
  headline: `${EVIL_NAME} ${type} on ${day} (${n})`,
  figures: [['Tokens', '1.04T']],
  url: 'https://openrouter.ai/evil/evil-model',
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings)',
  day,
});

let fake: FakeSlack;
let store: Awaited<ReturnType<(typeof BACKENDS)[0]['open']>>;
const kvs: Keyv[] = [];

async function aProcess(): Promise<{ notifier: SlackNotifier; settings: SettingsStore }> {
  const kv = await openKeyv(store.url, 'rankwatch-settings');
  kvs.push(kv);
  const settings = new SettingsStore(kv);
  const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  return { notifier: new SlackNotifier(client, { intervalMs: 0, context: sendContext(settings, kv) }), settings };
}

beforeAll(async () => {
  fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false } });
  store = await BACKENDS[0].open();
});
afterAll(async () => {
  for (const kv of kvs) await kv.disconnect();
  await store?.close();
  await fake?.close();
});

describe('Slack mentions and daily threads', () => {
  it('given a user group on new_leader and threads daily, then only new_leader pings it, and later alerts of a day reply under its first, across a restart', async () => {
    fake.addChannel({ id: 'C0THREADS1', name: 'threads' });
    const dest = channel('C0THREADS1');
    const first = await aProcess();
    await first.settings.updatePrefs(dest, { mention: { target: 'group:S0123ABC', types: ['new_leader'] }, threads: 'daily' }, BY, '2026-03-12T00:00:00Z');
    await first.notifier.send(dest, alert('new_leader', '2026-03-11'), 'k1');
    await first.notifier.send(dest, alert('streak', '2026-03-11', 2), 'k2');
    await first.notifier.send(dest, alert('streak', '2026-03-12', 3), 'k3');
    const [parent, reply, nextDay] = fake.messages('C0THREADS1');
    expect(pingsOf(parent)).toEqual(['!subteam^S0123ABC']);
    expect(parent.text).toMatch(/^<!subteam\^S0123ABC> Evil &lt;!channel&gt;/);
    expect(parent.thread_ts).toBeUndefined();
    expect(reply).toMatchObject({ thread_ts: parent.ts });
    expect(pingsOf(reply)).toEqual([]);
    expect(nextDay.thread_ts).toBeUndefined();

    const restarted = await aProcess();
    await restarted.notifier.send(dest, alert('streak', '2026-03-11', 4), 'k4');
    await restarted.notifier.send(dest, alert('streak', '2026-03-12', 5), 'k5');
    const [, , , late, second] = fake.messages('C0THREADS1');
    expect([late.thread_ts, second.thread_ts]).toEqual([parent.ts, nextDay.ts]);
  });

  it('given the day’s parent was deleted, then the next alert starts the day’s thread again', async () => {
    fake.addChannel({ id: 'C0DELETED1', name: 'deleted' });
    const dest = channel('C0DELETED1');
    const { notifier, settings } = await aProcess();
    await settings.updatePrefs(dest, { threads: 'daily' }, BY, '2026-03-12T00:00:00Z');
    await notifier.send(dest, alert('streak', '2026-03-11', 6), 'd1');
    fake.messages('C0DELETED1')[0].deleted = true;
    await notifier.send(dest, alert('streak', '2026-03-11', 7), 'd2');
    await notifier.send(dest, alert('streak', '2026-03-11', 8), 'd3');
    const [, restart, reply] = fake.messages('C0DELETED1');
    expect(restart.thread_ts).toBeUndefined();
    expect(reply.thread_ts).toBe(restart.ts);
    const refused = fake.requests.filter((r) => r.apiMethod === 'chat.postMessage' && (r.response as { error?: string })?.error === 'thread_not_found');
    expect(refused.map((r) => r.body.channel)).toEqual(['C0DELETED1']);
  });

  it('given @here and no threads, then the alert pings only @here and goes to the channel', async () => {
    fake.addChannel({ id: 'C0HERE0001', name: 'here' });
    const dest = channel('C0HERE0001');
    const { notifier, settings } = await aProcess();
    await settings.updatePrefs(dest, { mention: { target: 'here', types: ['streak'] } }, BY, '2026-03-12T00:00:00Z');
    await notifier.send(dest, alert('streak', '2026-03-11', 9), 'h1');
    await notifier.send(dest, alert('new_leader', '2026-03-11'), 'h2');
    const [pinging, quiet] = fake.messages('C0HERE0001');
    expect(pingsOf(pinging)).toEqual(['!here']);
    expect(pingsOf(quiet)).toEqual([]);
    expect(quiet.thread_ts).toBeUndefined();
  });
});
