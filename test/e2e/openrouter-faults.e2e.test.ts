// OpenRouter failing at start and mid-run, seen as an operator sees it: the schedule is armed
// anyway, /healthz says 503 and why, the failure is retried with backoff (manual clock), and when
// OpenRouter is back the bot carries on and the due alerts arrive, with no restart.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import { loadConfig } from '../../src/config.js';
import { OpenRouterClient } from '../../src/source/openrouter-client.js';
import type { Fault } from '../fakes/openrouter.js';
import { CapturingNotifier } from '../support/pipeline.js';
import { ManualClock } from '../support/manual-clock.js';
import { BETA, ALPHA, EVIL, openRouterWorld, recordingLogger, type OpenRouterWorld } from './support.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTE = 60_000;
let world: OpenRouterWorld;
let app: App;
let dir: string;

afterEach(async () => {
  await app?.stop();
  await world?.fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The whole app with HTTP_PORT, its alerts going to a capturing notifier. */
async function boot(clock: ManualClock) {
  dir = mkdtempSync(join(tmpdir(), 'rankwatch-orfault-'));
  const config = loadConfig({ STORE_URL: `sqlite://${join(dir, 's.sqlite')}`, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: world.fake.url, HTTP_PORT: '0', LOG_LEVEL: 'silent' });
  const source = new OpenRouterClient({ baseUrl: world.fake.url, apiKey: 'test-key', minIntervalMs: 0, backoffMs: 5, rateLimitedBackoffMs: 5, retries: 1, timeoutMs: 300 });
  const notifier = new CapturingNotifier();
  app = await createApp(config, { source, clock: clock.date, timers: clock, logger: recordingLogger(), retryBaseMs: 30_000, extraAdapters: () => [{ name: 'capture', notifier, implicitAlerts: [{ dest: { kind: 'discord-channel', channelId: '1' }, types: ['new_leader'], charts: ['daily'], by: { platform: 'discord', userId: '1' }, at: 'x' }], start: async () => {}, stop: async () => {} }] });
  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${app.httpPort()}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; unhealthy: { part: string; detail: string }[] } };
  };
  const busy = () => app.poller.isPolling() || app.deliverer.inFlight() > 0;
  return { notifier, healthz, busy };
}

describe('OpenRouter failing', () => {
  it.each<[string, Fault]>([
    ['down (connection answered 503)', { status: 503, times: 1e9 }],
    ['refusing the key (401)', { status: 401, times: 1e9 }],
    ['rate limiting (a 429 storm)', { status: 429, times: 1e9 }],
    ['hanging (timeouts)', { status: 200, delayMs: Infinity, times: 1e9 }],
  ])('given OpenRouter %s at start, then the bot runs, /healthz is 503 naming the sync, retries with backoff, and recovers by itself', async (_label, fault) => {
    world = await openRouterWorld('Evil');
    world.fake.failNext(fault);
    const clock = new ManualClock(world.clock().getTime());
    const { notifier, healthz, busy } = await boot(clock);
    expect(await app.start()).toBeNull();
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.body.unhealthy[0]).toMatchObject({ part: 'sync', detail: expect.stringMatching(/no successful sync yet \(last try: .*OpenRouter/) });
    const status = await app.services.status();
    expect(status.trouble[0]).toMatchObject({ part: 'sync', state: 'retrying', retryAt: new Date(clock.now() + 30_000).toISOString() });
    expect(JSON.stringify(status)).not.toContain(world.fake.url);

    // Backoff: 30 s, then 60 s, ... the retries run on their own.
    const before = world.fake.requests.length;
    await clock.advance(31_000, busy);
    expect(world.fake.requests.length).toBeGreaterThan(before);
    world.fake.clearFaults();
    await clock.advance(2 * MINUTE, busy);
    await expect.poll(async () => (await healthz()).status).toBe(200);

    // A new day while everything works: its alert arrives without a restart.
    await clock.advance(24 * 3600_000, busy);
    world.completeDay({ [BETA]: 1500, [ALPHA]: 900, [EVIL]: 100 });
    await app.poller.pollOnce();
    await app.deliverer.idle();
    expect(notifier.sent.map((s) => s.alert.headline)).toEqual([expect.stringMatching(/takes #1 on the daily chart/)]);

    // What Prometheus scrapes: the failures by kind, the syncs, the delivery, an empty queue.
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort()}/metrics`)).text();
    expect(metrics).toMatch(/^rankwatch_sync_failures_total\{kind="(server|auth|rate_limited|timeout)"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^rankwatch_syncs_total 2$/m);
    expect(metrics).toMatch(/^rankwatch_alerts_planned_total 1$/m);
    expect(metrics).toMatch(/^rankwatch_alerts_delivered_total\{platform="discord"\} 1$/m);
    expect(metrics).toMatch(/^rankwatch_delivery_queue_depth 0$/m);
    expect(metrics).toMatch(/^rankwatch_last_successful_sync_timestamp_seconds \d{10}$/m);
    expect(metrics).toMatch(/^rankwatch_part_up\{part="sync",state="ok"\} 1$/m);
  }, 60_000);

  it.each<[string, Fault, string]>([
    ['a 5xx', { status: 500, times: 4 }, 'OpenRouter server error (5xx)'],
    ['a refused key (401)', { status: 401, times: 2 }, 'OpenRouter refused OPENROUTER_API_KEY (401)'],
    ['a 429 storm', { status: 429, times: 4 }, 'OpenRouter rate limit reached (429)'],
    ['timeouts', { status: 200, delayMs: Infinity, times: 4 }, 'OpenRouter did not answer in time'],
  ])('given %s mid-run, then the failed poll is retried with backoff and the day due arrives once', async (_label, fault, detail) => {
    world = await openRouterWorld('Evil');
    const clock = new ManualClock(world.clock().getTime());
    const { notifier, healthz, busy } = await boot(clock);
    await app.start();
    expect((await healthz()).status).toBe(200);
    await clock.advance(24 * 3600_000, busy);
    world.completeDay({ [BETA]: 1500, [ALPHA]: 900, [EVIL]: 100 });
    // Retryable faults cost two requests a poll (the client retries once), a 401 one: two polls fail, the third works.
    world.fake.failNext(fault);
    expect(await app.pollNow()).toBeNull();
    expect(app.health.get('sync')).toMatchObject({ state: 'retrying', detail });
    await clock.advance(31_000, busy);
    expect(notifier.sent).toHaveLength(0);
    await clock.advance(61_000, busy);
    await app.deliverer.idle();
    expect(app.health.get('sync')?.state).toBe('ok');
    expect(notifier.sent).toHaveLength(1);
  }, 60_000);
});
