import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Keyv from 'keyv';
import type { CommandContext } from '../commands/command.js';
import { dispatch } from '../commands/dispatch.js';
import { REGISTRY } from '../commands/index.js';
import { chartViews } from '../src/app/chart-view.js';
import { createServices } from '../src/app/services.js';
import { bundledNames } from '../src/cli/bundled-names.js';
import { Deliverer } from '../src/delivery/deliverer.js';
import { destinationKey, type Destination } from '../src/delivery/destination.js';
import type { Notifier } from '../src/delivery/notifier.js';
import { DEFAULT_DETECT_OPTIONS } from '../src/domain/detect/options.js';
import type { AlertMessage } from '../src/domain/alert-message.js';
import { silentLogger } from '../src/logger.js';
import { KeyvHistoryStore } from '../src/store/keyv-history-store.js';
import { openKeyv } from '../src/store/open-keyv.js';
import { OutboxStore, type PendingDelivery } from '../src/store/outbox-store.js';
import { SettingsStore } from '../src/store/settings-store.js';
import { sampleRows } from './detect.js';
import { percentile, median, report } from './report.js';
import { seedSqlite, subscriptionRows } from './seed-store.js';

/**
 * `npm run bench -- scale`: the costs that grow with the number of subscriptions and destinations
 * (issue 10): loading subscriptions (before every fan-out), /subscriptions at 1M, the memory of
 * 1M, resuming a 40k-destination outbox, and enqueueing a 40k-destination fan-out.
 * `SCALE_MAX=100000` stops at 100k (the 1M part takes about two minutes).
 */
export async function benchScale(): Promise<void> {
  const max = Number(process.env.SCALE_MAX ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-scale-'));
  try {
    const loads: Record<string, string> = {};
    let big = '';
    for (const n of [100_000, 1_000_000].filter((x) => x <= max)) {
      const url = `sqlite://${join(dir, `subs-${n}.sqlite`)}`;
      const { ms, cpuMs, perSub } = await subscriptionLoad(url, n);
      loads[`load ${n.toLocaleString('en')} subscriptions (s)`] = `${(ms / 1000).toFixed(2)} (${perSub.toFixed(1)} µs each; CPU ${(cpuMs / 1000).toFixed(2)} s)`;
      big = url;
    }
    report('subscription load from SQLite (SettingsStore.reload, fresh store)', { ...loads, goal: 'linear; 1M < 10 s' });
    await subscriptionsCommand(big, max);
    await rss(big, max);
    await outboxResume(join(dir, 'outbox.sqlite'), 40_000);
    await enqueue([20_000, 40_000]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The models of the bundled sample, with its history stored alongside (what the memory probe and /subscriptions read). */
async function seedHistory(url: string): Promise<readonly string[]> {
  const history = new KeyvHistoryStore(await openKeyv(url));
  const { rows, endDate } = sampleRows();
  await history.saveBatch({ rows, start: rows[0].date, end: endDate, asOf: `${endDate}T23:59:59.000Z`, completeThrough: endDate }, new Date().toISOString());
  return (await chartViews(history, DEFAULT_DETECT_OPTIONS, bundledNames())()).models;
}

async function subscriptionLoad(url: string, n: number): Promise<{ ms: number; cpuMs: number; perSub: number }> {
  const models = await seedHistory(url);
  const kv = await openKeyv(url, 'rankwatch-settings');
  await seedSqlite(kv, subscriptionRows(n, models));
  await kv.disconnect();
  const fresh = await openKeyv(url, 'rankwatch-settings');
  const t = performance.now();
  const cpu = process.cpuUsage();
  const settings = new SettingsStore(fresh);
  await settings.reload();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if ((await settings.countSubscriptions()) !== n) throw new Error(`loaded ${await settings.countSubscriptions()} of ${n} subscriptions`);
  await fresh.disconnect();
  return { ms, cpuMs, perSub: (ms * 1000) / n };
}

async function subscriptionsCommand(url: string, n: number): Promise<void> {
  const kvs = [await openKeyv(url), await openKeyv(url, 'rankwatch-settings'), await openKeyv(url, 'rankwatch-outbox')];
  const charts = chartViews(new KeyvHistoryStore(kvs[0]), DEFAULT_DETECT_OPTIONS, bundledNames());
  await charts();
  const settings = new SettingsStore(kvs[1]);
  await settings.reload();
  const services = createServices({ charts, settings, outbox: new OutboxStore(kvs[2]), notifiers: () => [], pending: () => 0, nextSyncAt: () => null, sample: true, clock: () => new Date(), logger: silentLogger });
  const people = Math.floor(n / 3);
  const times: number[] = [];
  let listed = 0;
  for (let i = 0; i < 1000; i++) {
    // A person who follows models by DM, typing in a channel (some followed there too): both lists.
    const p = (i * 7919) % people;
    const userId = String(100000000000000000n + BigInt(p));
    const invocation = {
      platform: 'discord' as const,
      user: { platform: 'discord' as const, userId },
      channel: { kind: 'discord-channel' as const, channelId: String(300000000000000000n + BigInt(p)) },
      dm: { kind: 'discord-dm' as const, userId },
      canManageChannel: true,
      inDm: false,
    };
    const ctx: CommandContext = { invocation, services };
    const t = performance.now();
    const reply = await dispatch(REGISTRY, 'subscriptions', {}, ctx);
    times.push(performance.now() - t);
    if (reply.fields?.some((f) => f.value !== 'None')) listed++;
  }
  report(`/subscriptions with ${n.toLocaleString('en')} subscriptions stored (SQLite), 1,000 people`, {
    'p50 / p99 (ms)': `${median(times).toFixed(2)} / ${percentile(times, 99).toFixed(2)}`,
    'replies listing subscriptions': listed,
    goal: 'p99 < 20 ms',
  });
  for (const kv of kvs) await kv.disconnect();
}

/** A fresh process holding the history, charts and every subscription, bundled like dist/ and run as `npm start` runs. */
async function rss(url: string, n: number): Promise<void> {
  await build({ entryPoints: ['bench/memory-probe.ts'], outdir: 'dist/bench', outExtension: { '.js': '.mjs' }, bundle: true, splitting: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  const probe = execFileSync(process.execPath, ['--expose-gc', '--max-semi-space-size=4', 'dist/bench/memory-probe.mjs', url], { encoding: 'utf8' });
  const steps = probe.trim().split('\n').map((l) => JSON.parse(l) as { step: string; rss: number; heap: number });
  report(`resident memory with ${n.toLocaleString('en')} subscriptions (fresh process, after GC)`, Object.fromEntries(steps.map((s) => [s.step, `RSS ${s.rss} MB, heap ${s.heap} MB`])));
}

const alert: AlertMessage = { eventId: 'bench-1', headline: 'h', figures: [], url: 'https://openrouter.ai/rankings', linkLabel: 'rankings', footer: 'f', day: '2026-04-01' };
const channels = (n: number): Destination[] => Array.from({ length: n }, (_, i) => ({ kind: 'discord-channel', channelId: String(400000000000000000n + BigInt(i)) }));

/** A crash mid fan-out: one alert to `n` channels, half of them delivered, resumed from a SQLite outbox. */
async function outboxResume(file: string, n: number): Promise<void> {
  const kv = await openKeyv(`sqlite://${file}`, 'rankwatch-outbox');
  const dests = channels(n);
  await new OutboxStore(kv).put(alert, dests, '2026-04-01T00:00:00.000Z#1');
  await seedSqlite(kv, (function* () {
    for (let i = 0; i < n; i += 2) yield [`mark:${alert.eventId}|${destinationKey(dests[i])}`, { sent: true, at: '2026-04-01T00:00:01.000Z' }] as [string, unknown];
  })());
  const outbox = new OutboxStore(kv);
  const deliverer = new Deliverer({ outbox, notifiers: [], deadEnds: { disable: async () => undefined }, logger: silentLogger, clock: () => new Date(), concurrency: 1 });
  const t = performance.now();
  const owed = await outbox.pending();
  const pendingMs = performance.now() - t;
  const t2 = performance.now();
  deliverer.enqueue(owed);
  const enqueueMs = performance.now() - t2;
  await deliverer.stop();
  report(`outbox resume after a crash: one alert to ${n.toLocaleString('en')} channels, half delivered (SQLite)`, {
    'OutboxStore.pending() (ms)': pendingMs.toFixed(0),
    'deliveries owed': owed.length,
    'Deliverer.enqueue of them (ms)': enqueueMs.toFixed(1),
  });
  await kv.disconnect();
}

/** Queueing a fan-out and delivering it to an instant notifier: how long the event loop is ever blocked. */
async function enqueue(sizes: number[]): Promise<void> {
  const figures: Record<string, string> = {};
  // Answers on the next turn of the event loop, as a network reply would (an in-memory outbox alone never yields).
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const instant: Notifier = { handles: () => true, send: turn, sendText: turn };
  for (const n of sizes) {
    const outbox = new OutboxStore(new Keyv());
    const dests = channels(n);
    await outbox.put(alert, dests, '2026-04-01T00:00:00.000Z#1');
    const items: PendingDelivery[] = dests.map((dest) => ({ alert, dest }));
    const deliverer = new Deliverer({ outbox, notifiers: [instant], deadEnds: { disable: async () => undefined }, logger: silentLogger, clock: () => new Date() });
    const probe = blockProbe();
    const t = performance.now();
    deliverer.enqueue(items);
    const enqueueMs = performance.now() - t;
    await deliverer.idle();
    const totalMs = performance.now() - t;
    const blockMs = probe.stop();
    figures[`${n.toLocaleString('en')} destinations: enqueue() / all delivered (ms)`] = `${enqueueMs.toFixed(1)} / ${totalMs.toFixed(0)}`;
    figures[`${n.toLocaleString('en')} destinations: max event-loop block (ms)`] = blockMs.toFixed(1);
  }
  report('Deliverer: one alert to many destinations (in-memory outbox, a notifier answering on the next turn)', { ...figures, goal: 'O(1) per destination; no freeze over 100 ms' });
}

/** The longest gap between two turns of the event loop while it runs (what a gateway heartbeat or an HTTP interaction would wait). */
function blockProbe(): { stop(): number } {
  let max = 0;
  let last = performance.now();
  let on = true;
  const tick = () => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      on = false;
      return max;
    },
  };
}
