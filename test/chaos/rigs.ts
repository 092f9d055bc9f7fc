// The whole app (createApp) against the Discord or Slack stand-in and the fake OpenRouter, on a manual
// clock, with a few channels set up for the default alerts (as a configured webhook gets them): what the fault scenarios break and watch recover.
// Alerts go without pictures here: drawing them is most of the run time and is tested on its own (test/e2e/alert-pictures.e2e.test.ts).
import { CHART_NAMES } from '../../src/domain/charts.js';
import { DEFAULT_ALERT_TYPES } from '../../src/store/settings-store.js';
import type { Destination } from '../../src/delivery/destination.js';
import type { PollResult } from '../../src/poller/poller.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { ALPHA, BETA, EVIL, openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from '../e2e/support.js';
import { ManualClock } from '../support/manual-clock.js';

export interface Rig {
  readonly e2e: E2eApp;
  readonly world: OpenRouterWorld;
  readonly clock: ManualClock;
  readonly dests: readonly Destination[];
  /** A day after the last one completes at OpenRouter (a new leader, so every channel is owed alerts); one poll plans them. */
  newDay(): Promise<PollResult>;
  /** Distinct alerts each destination received, and how many arrived more than once. */
  received(): { delivered: number; doubled: number };
  busy(): boolean;
  close(): Promise<void>;
}

const DAY_MS = 24 * 3600_000;
const OWNER = '311111111111111111';

async function rig(world: OpenRouterWorld, clock: ManualClock, e2e: E2eApp, dests: Destination[], received: () => string[], closeFake: () => Promise<void>, scheduled = false): Promise<Rig> {
  await e2e.app.start({ schedule: scheduled });
  const by = { platform: dests[0].kind.startsWith('slack') ? ('slack' as const) : ('discord' as const), userId: OWNER, teamId: 'T1' };
  for (const dest of dests) await e2e.app.settings.setAlerts({ dest, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by, at: clock.date().toISOString() });
  let day = 0;
  return {
    e2e, world, clock, dests,
    async newDay() {
      day++;
      await clock.advance(DAY_MS, () => e2e.app.deliverer.inFlight() > 0);
      world.completeDay({ [BETA]: 1000 + 300 * day, [ALPHA]: 900, [EVIL]: 100 });
      // Through the schedule when it runs (a failure is retried on the clock), else directly.
      return scheduled ? ((await e2e.app.pollNow()) ?? { deliveries: 0 } as PollResult) : e2e.app.poller.pollOnce();
    },
    received() {
      const keys = received();
      const distinct = new Set(keys);
      return { delivered: distinct.size, doubled: keys.length - distinct.size };
    },
    busy: () => e2e.app.deliverer.inFlight() > 0 || e2e.app.poller.isPolling(),
    async close() {
      await e2e.close();
      await closeFake();
      await world.fake.close();
    },
  };
}

/** The gateway bot on the Discord stand-in, `channels` guild channels set up for alerts (plus an optional configured webhook). */
export async function discordRig(o: { channels?: number; webhook?: boolean; webhookUrl?: string; scheduled?: boolean; timeoutMs?: number } = {}): Promise<Rig & { fake: FakeDiscord; webhookUrl?: string }> {
  const world = await openRouterWorld('Evil Model');
  const fake = await startFakeDiscord({
    rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } },
    guilds: [{ name: 'Chaos', channels: Array.from({ length: o.channels ?? 3 }, (_, i) => ({ name: `c${i}` })) }],
  });
  const guildId = fake.defaultGuildId!;
  const channelIds = fake.guilds[0].channelIds;
  const hook = o.webhook ? fake.createWebhook(channelIds[0], 'alerts') : null;
  const clock = new ManualClock(world.clock().getTime());
  const hookUrl = o.webhookUrl ?? hook?.url;
  // A yearly cron: polls come from the test (and the schedule's retries), never from the wall clock.
  const env = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, POLL_CRON: '0 0 1 1 *', ...(o.timeoutMs ? { DELIVERY_TIMEOUT_MS: String(Math.max(1000, o.timeoutMs)) } : {}), ...(hookUrl ? { DISCORD_WEBHOOK_URLS: hookUrl } : {}) };
  const e2e = await startApp(world, env, { paced: false, clock: clock.date, timers: clock, retryBaseMs: 30_000, retry: { baseBackoffMs: 1000 }, pictures: false });
  const dests: Destination[] = channelIds.map((channelId) => ({ kind: 'discord-channel', channelId, guildId }));
  const received = () => [
    ...channelIds.flatMap((id) => fake.messages(id).filter((m) => !m.webhook_id).map((m) => `${id}|${JSON.stringify((m.embeds as { title?: string }[] | undefined)?.[0]?.title ?? m.content)}`)),
    ...(hook ? fake.webhookMessages(hook.id).map((m) => `hook|${JSON.stringify((m.embeds as { title?: string }[] | undefined)?.[0]?.title ?? m.content)}`) : []),
  ];
  const base = await rig(world, clock, e2e, dests, received, () => fake.close(), o.scheduled);
  return { ...base, fake, ...(hook ? { webhookUrl: hook.url } : {}) };
}

/** The Bolt app in Socket Mode on the Slack stand-in, `channels` channels set up for alerts. */
export async function slackRig(o: { channels?: number } = {}): Promise<Rig & { fake: FakeSlack }> {
  const world = await openRouterWorld('Evil Model');
  const ids = Array.from({ length: o.channels ?? 3 }, (_, i) => `C0CHAOS${i}`);
  const fake = await startFakeSlack({ channels: ids.map((id, i) => ({ id, name: `chaos-${i}` })), rateLimits: { postMessagePerChannel: false } });
  const clock = new ManualClock(world.clock().getTime());
  const env = { SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.url };
  const e2e = await startApp(world, env, { paced: false, clock: clock.date, timers: clock, retry: { baseBackoffMs: 1000 }, pictures: false });
  const dests: Destination[] = ids.map((channelId) => ({ kind: 'slack-channel', teamId: fake.teamId, channelId }));
  // Alerts only: an alert's picture is its own file-share message beside it.
  const received = () => ids.flatMap((id) => fake.messages(id).filter((m) => !m.files?.length).map((m) => `${id}|${m.text}`));
  const base = await rig(world, clock, e2e, dests, received, () => fake.close());
  return { ...base, fake };
}
