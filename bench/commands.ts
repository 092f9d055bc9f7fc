import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../commands/command.js';
import { dispatch } from '../commands/dispatch.js';
import { REGISTRY } from '../commands/index.js';
import { chartViews } from '../src/app/chart-view.js';
import { createServices } from '../src/app/services.js';
import { bundledNames } from '../src/cli/bundled-names.js';
import { EVENT_TYPES } from '../src/domain/events.js';
import { DEFAULT_DETECT_OPTIONS } from '../src/domain/detect/options.js';
import { planFanOut } from '../src/delivery/fan-out.js';
import type { Destination } from '../src/delivery/destination.js';
import { silentLogger } from '../src/logger.js';
import { KeyvHistoryStore } from '../src/store/keyv-history-store.js';
import { openKeyv } from '../src/store/open-keyv.js';
import { OutboxStore } from '../src/store/outbox-store.js';
import { SettingsStore, type AlertSetting } from '../src/store/settings-store.js';
import { sampleRows } from './detect.js';
import { median, percentile, report } from './report.js';

const SUBSCRIPTIONS = 100_000;

async function timeReplies(ctx: CommandContext, name: string, options: () => Record<string, unknown>, n = 300): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await dispatch(REGISTRY, name, options(), ctx);
    times.push(performance.now() - t);
  }
  return times;
}

export async function benchCommands(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-bench-'));
  const url = `sqlite://${join(dir, 'bench.sqlite')}`;
  try {
    const [hkv, skv, okv] = [await openKeyv(url), await openKeyv(url, 'rankwatch-settings'), await openKeyv(url, 'rankwatch-outbox')];
    const history = new KeyvHistoryStore(hkv);
    const { rows, endDate } = sampleRows();
    await history.saveBatch({ rows, start: rows[0].date, end: endDate, asOf: `${endDate}T23:59:59.000Z`, completeThrough: endDate }, new Date().toISOString());
    const settings = new SettingsStore(skv);
    const charts = chartViews(history, DEFAULT_DETECT_OPTIONS, bundledNames());
    const models = (await charts()).models;
    let t = performance.now();
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const userId = String(100000000000000000n + BigInt(i));
      await settings.subscribe({ model: models[i % models.length], dest: { kind: 'discord-dm', userId }, by: { platform: 'discord', userId }, at: 'bench' });
    }
    const writeMs = performance.now() - t;
    t = performance.now();
    await new SettingsStore(skv).reload();
    const reloadMs = performance.now() - t;
    const services = createServices({ charts, settings, outbox: new OutboxStore(okv), notifiers: () => [], pending: () => 0, nextSyncAt: () => null, sample: true, clock: () => new Date(), logger: silentLogger });
    const invocation = { platform: 'discord' as const, user: { platform: 'discord' as const, userId: '1' }, channel: { kind: 'discord-channel' as const, channelId: '1' }, dm: { kind: 'discord-dm' as const, userId: '1' }, canManageChannel: true, inDm: false };
    const ctx: CommandContext = { invocation, services };
    await charts();
    const charts4 = ['daily', 'weekly', 'monthly', 'trending'];
    const lb = await timeReplies(ctx, 'leaderboard', () => ({ chart: charts4[Math.floor(Math.random() * 4)] }));
    const names = ['qwen 3.6 plus', 'deepseek v4 flash', 'claude sonnet 4.6', 'gemini 3 flash', 'gpt-5.1'];
    const md = await timeReplies(ctx, 'model', () => ({ model: names[Math.floor(Math.random() * names.length)] }));
    report(`replies with ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions stored (SQLite)`, {
      'store 100k subscriptions (s)': (writeMs / 1000).toFixed(1),
      'reload them from the store (ms)': reloadMs.toFixed(0),
      '/leaderboard p50 / p99 (ms)': `${median(lb).toFixed(2)} / ${percentile(lb, 99).toFixed(2)}`,
      '/model p50 / p99 (ms)': `${median(md).toFixed(2)} / ${percentile(md, 99).toFixed(2)}`,
      goal: 'p99 < 20 ms',
    });
    const alerts: AlertSetting[] = Array.from({ length: 10_000 }, (_, i) => ({ dest: { kind: 'discord-channel', channelId: String(200000000000000000n + BigInt(i)) } as Destination, types: [...EVENT_TYPES], charts: ['daily'], by: { platform: 'discord', userId: '1' }, at: 'x' }));
    const audience = await settings.audience(alerts);
    const event = (await charts()).events.find((e) => e.chart === 'daily')!;
    const plans: number[] = [];
    let dests = 0;
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      dests = planFanOut(event, audience).length;
      plans.push(performance.now() - t);
    }
    report('fan-out planning of one event', { 'channels set up': 10_000, 'destinations (with subscribers)': dests, 'plan ms (median of 20)': median(plans).toFixed(2), goal: '< 50 ms' });
    for (const kv of [hkv, skv, okv]) await kv.disconnect();
    // Bundled like dist/ (what `rankwatch start` runs), so tsx's own memory is not counted.
    // Split like dist/ too, so a store client loaded only on demand (Redis, PostgreSQL) stays unloaded.
    await build({ entryPoints: ['bench/memory-probe.ts'], outdir: 'dist/bench', outExtension: { '.js': '.mjs' }, bundle: true, splitting: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
    // With the V8 flag `npm start` passes: a 4 MB young generation keeps load-time garbage from inflating RSS.
    const probe = execFileSync(process.execPath, ['--expose-gc', '--max-semi-space-size=4', 'dist/bench/memory-probe.mjs', url], { encoding: 'utf8' });
    const steps = probe.trim().split('\n').map((l) => JSON.parse(l) as { step: string; rss: number; heap: number });
    report('resident memory of a fresh process (after GC)', { ...Object.fromEntries(steps.map((s) => [s.step, `RSS ${s.rss} MB, heap ${s.heap} MB`])), goal: 'RSS < 150 MB' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
