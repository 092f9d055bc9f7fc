// Fault scenarios, one each: break something, let the manual clock run through the outage, mend it,
// and count what arrived. The tests assert on the results; `npm run chaos` prints them as a table.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordRig, slackRig, type Rig } from './rigs.js';

export interface ChaosResult {
  readonly scenario: string;
  /** Deliveries (alert, destination) the poll wrote to the outbox. */
  readonly planned: number;
  readonly delivered: number;
  /** Planned, yet neither delivered nor recorded as dropped: must be 0. */
  readonly lost: number;
  /** Given up with a record and a count (a disabled channel, an outage past the give-up window). */
  readonly dropped: number;
  readonly doubled: number;
  /** Clock time from the fault's end to the last delivery (null when nothing was owed any more). */
  readonly recoveredMs: number | null;
  readonly disabled: number;
  /** Whatever else the scenario checks, for the test to assert. */
  readonly facts: Record<string, unknown>;
}

const HOUR = 3600_000;

async function measure(rig: Rig, scenario: string, planned: number, faultEnd: number, facts: Record<string, unknown> = {}): Promise<ChaosResult> {
  await rig.clock.runUntil(() => rig.e2e.app.deliverer.pendingCount() === 0, 2 * HOUR, rig.busy);
  const { delivered, doubled } = rig.received();
  const droppedNow = await rig.e2e.app.outbox.droppedTotal();
  const disabled = (await rig.e2e.app.settings.allDisabled()).length;
  const owed = rig.e2e.app.deliverer.pendingCount();
  return { scenario, planned, delivered, dropped: droppedNow, doubled, lost: planned - delivered - droppedNow - owed, recoveredMs: owed === 0 && delivered > 0 ? rig.clock.now() - faultEnd : null, disabled, facts: { owed, ...facts } };
}

/** The platform's message endpoint answers 5xx for `ms` of clock time, then works again. */
export async function platformDown(platform: 'discord' | 'slack', ms: number, label: string): Promise<ChaosResult> {
  const rig = platform === 'discord' ? await discordRig() : await slackRig();
  try {
    if (platform === 'discord') (rig as Awaited<ReturnType<typeof discordRig>>).fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 503, times: 1e9 });
    else (rig as Awaited<ReturnType<typeof slackRig>>).fake.failNext({ method: 'chat.postMessage', error: 'service_unavailable', times: 1e9 });
    const poll = await rig.newDay();
    await rig.clock.advance(ms, rig.busy);
    const during = rig.received().delivered;
    if (platform === 'discord') (rig as Awaited<ReturnType<typeof discordRig>>).fake.clearFaults();
    else (rig as Awaited<ReturnType<typeof slackRig>>).fake.clearFaults();
    return await measure(rig, label, poll.deliveries, rig.clock.now(), { deliveredDuringOutage: during, status: await statusText(rig) });
  } finally {
    await rig.close();
  }
}

/** The bot token is refused (Discord 401, Slack token_revoked) for `ms`, then works again. */
export async function tokenRevoked(platform: 'discord' | 'slack', ms: number, label: string): Promise<ChaosResult> {
  const d = platform === 'discord' ? await discordRig() : null;
  const s = platform === 'slack' ? await slackRig() : null;
  const rig = (d ?? s)!;
  try {
    if (d) d.fake.revokeToken();
    else s!.fake.revokeToken(s!.fake.botToken);
    const poll = await rig.newDay();
    await rig.clock.advance(ms, rig.busy);
    const paused = rig.e2e.app.health.get(`${platform} delivery`)?.state;
    const disabledDuring = (await rig.e2e.app.settings.allDisabled()).length;
    if (d) d.fake.restoreToken();
    else s!.fake.restoreToken(s!.fake.botToken);
    return await measure(rig, label, poll.deliveries, rig.clock.now(), { paused, disabledDuring });
  } finally {
    await rig.close();
  }
}

/** A configured Discord webhook answers 404 Unknown Webhook for `ms`, then works again. */
export async function webhook404(ms: number, label: string): Promise<ChaosResult> {
  const rig = await discordRig({ channels: 1, webhook: true });
  try {
    rig.fake.failNext({ path: /^\/webhooks\//, status: 404, body: { code: 10015, message: 'Unknown Webhook' }, times: 1e9 });
    const poll = await rig.newDay();
    await rig.clock.advance(ms, rig.busy);
    const part = rig.e2e.app.health.all().find((p) => p.part.startsWith('webhook '));
    const disabledDuring = (await rig.e2e.app.settings.allDisabled()).length;
    rig.fake.clearFaults();
    return await measure(rig, label, poll.deliveries, rig.clock.now(), { webhookState: part?.state, disabledDuring });
  } finally {
    await rig.close();
  }
}

/** One of three channels is a voice channel: Discord answers 400 50008 there. It is disabled; the others get every alert. */
export async function voiceChannel(label: string): Promise<ChaosResult> {
  const rig = await discordRig();
  try {
    // A forum is a destination now (a post per day); a voice channel can never take alerts.
    const voice = rig.dests[0].kind === 'discord-channel' ? rig.dests[0].channelId : '';
    rig.fake.failNext({ method: 'POST', path: `/channels/${voice}/messages`, status: 400, body: { code: 50008, message: 'Cannot send messages in a non-text channel' }, times: 1e9 });
    const poll = await rig.newDay();
    const result = await measure(rig, label, poll.deliveries, rig.clock.now());
    const disabled = await rig.e2e.app.settings.allDisabled();
    return { ...result, facts: { ...result.facts, disabledReason: disabled[0]?.reason, ownerTold: rig.fake.requests.some((r) => r.method === 'POST' && r.route === '/users/@me/channels') } };
  } finally {
    await rig.close();
  }
}

/** The platform is down longer than the give-up window: each alert is recorded as dropped, none vanishes. */
export async function pastGiveUp(label: string): Promise<ChaosResult> {
  const rig = await discordRig({ channels: 1 });
  try {
    rig.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 503, times: 1e9 });
    const poll = await rig.newDay();
    await rig.clock.advance(25 * HOUR, rig.busy);
    rig.fake.clearFaults();
    return await measure(rig, label, poll.deliveries, rig.clock.now(), { status: await statusText(rig) });
  } finally {
    await rig.close();
  }
}

/** OpenRouter answers 503 for `ms` while a new day completes; the schedule's retries pick it up. */
export async function openRouterDown(ms: number, label: string): Promise<ChaosResult> {
  const rig = await discordRig({ scheduled: true });
  try {
    rig.world.fake.failNext({ status: 503, times: 1e9 });
    const failed = await rig.newDay();
    await rig.clock.advance(ms, rig.busy);
    const healthDuring = rig.e2e.app.health.get('sync');
    rig.world.fake.clearFaults();
    const end = rig.clock.now();
    await rig.clock.runUntil(() => rig.e2e.app.health.get('sync')?.state === 'ok', ms + 3600_000, rig.busy);
    const planned = (await rig.e2e.app.metrics.registry.getSingleMetric('rankwatch_alerts_planned_total')!.get()).values[0]?.value ?? 0;
    return await measure(rig, label, planned, end, { failedPoll: failed.deliveries, syncDuring: healthDuring?.state });
  } finally {
    await rig.close();
  }
}

/** A configured webhook that takes requests and never answers, beside two bot channels; later it answers. */
export async function hangingWebhook(label: string): Promise<ChaosResult> {
  let answering = false;
  const posts: string[] = [];
  const hang: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => answering && (posts.push(body), res.writeHead(204).end()));
  });
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/api/webhooks/123456789012345678/token`;
  const rig = await discordRig({ channels: 2, webhookUrl: url, timeoutMs: 500 });
  try {
    const poll = await rig.newDay();
    const perDest = poll.deliveries / 3;
    const others = await rig.clock.runUntil(() => rig.received().delivered === 2 * perDest, 3600_000, rig.busy);
    const othersAt = rig.clock.now();
    await rig.clock.advance(10 * 60_000, rig.busy);
    answering = true;
    const result = await measure(rig, label, poll.deliveries, rig.clock.now());
    const delivered = result.delivered + new Set(posts).size;
    return { ...result, delivered, doubled: result.doubled + posts.length - new Set(posts).size, lost: result.lost - new Set(posts).size, facts: { ...result.facts, othersDelivered: others, othersAtMs: othersAt } };
  } finally {
    await rig.close();
    hang.closeAllConnections();
    await new Promise((r) => hang.close(r));
  }
}

async function statusText(rig: Rig): Promise<string> {
  const s = await rig.e2e.app.services.status();
  return JSON.stringify(s);
}

export const SCENARIOS: readonly (() => Promise<ChaosResult>)[] = [
  () => platformDown('discord', 15_000, 'Discord down 15 s'),
  () => platformDown('discord', 10 * 60_000, 'Discord down 10 min'),
  () => platformDown('discord', 6 * HOUR, 'Discord down 6 h'),
  () => platformDown('slack', 15_000, 'Slack down 15 s'),
  () => platformDown('slack', 10 * 60_000, 'Slack down 10 min'),
  () => platformDown('slack', 6 * HOUR, 'Slack down 6 h'),
  () => tokenRevoked('discord', HOUR, 'Discord token revoked 1 h, restored'),
  () => tokenRevoked('slack', HOUR, 'Slack token revoked 1 h, restored'),
  () => webhook404(HOUR, 'Discord webhook 404 for 1 h, fixed'),
  () => voiceChannel('Discord voice channel (400 50008)'),
  () => pastGiveUp('Discord down 25 h (past the 24 h give-up)'),
  () => openRouterDown(2 * HOUR, 'OpenRouter down 2 h (503), then back'),
  () => hangingWebhook('Webhook that hangs 10 min, beside 2 channels'),
];
