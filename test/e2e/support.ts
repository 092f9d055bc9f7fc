// Shared parts of the end-to-end tests: the whole app (createApp) on a temp SQLite store, reading the
// fake OpenRouter with a clock that follows the fake's last finished day, plus a recording logger.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app/app.js';
import { loadConfig } from '../../src/config.js';
import { addDays } from '../../src/domain/calendar.js';
import type { Row } from '../../src/domain/rows.js';
import type { RetryPolicy } from '../../src/delivery/retry-policy.js';
import type { Timers } from '../../src/delivery/timers.js';
import type { Logger } from '../../src/logger.js';
import { OpenRouterClient } from '../../src/source/openrouter-client.js';
import { days, patchDay, setDay, type DayRows } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeModel, type FakeOpenRouter } from '../fakes/openrouter.js';
import { settledAsOf } from '../support/pipeline.js';

export const ALPHA = 'alpha/alpha-one';
export const BETA = 'beta/beta-two';
export const EVIL = 'evil/evil-model';
/** By default, ten settled days (FIRST_DAY..LAST_DAY) in which Alpha leads every day. */
export const FIRST_DAY = '2026-03-02';
export const LAST_DAY = '2026-03-11';
const B = 1_000_000_000;

/** The catalogue names ("Vendor: Name" is shown as "Name"); the evil one is the caller's. */
export function catalogue(evilName: string): FakeModel[] {
  return [
    { id: ALPHA, canonical_slug: ALPHA, name: 'Alpha: Alpha One' },
    { id: BETA, canonical_slug: BETA, name: 'Beta: Beta Two' },
    { id: EVIL, canonical_slug: EVIL, name: evilName },
  ];
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

/** A logger that prints nothing and keeps every line, so a test can look for errors. */
export function recordingLogger(): Logger & { lines: LogLine[]; errors(): LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, errors: () => lines.filter((l) => l.level === 'error'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The fake OpenRouter with ten settled days, and a clock at noon of the day after the fake's last
 * finished day (so each sync asks for exactly the window the fake holds). `completeDay` adds a day
 * and makes it settled: `as_of` 03:00 the next morning, ≥ 2 h 30 min past the day's end.
 */
export async function openRouterWorld(evilName: string, firstDay = FIRST_DAY) {
  let rows: Row[] = days(firstDay, 10, () => ({ [ALPHA]: 1000 * B, [BETA]: 800 * B, [EVIL]: 100 * B, other: 50 * B }));
  let lastDay = addDays(firstDay, 9);
  const fake: FakeOpenRouter = await startFakeOpenRouter({ rows, lastFinishedDay: lastDay, asOf: settledAsOf(lastDay), models: catalogue(evilName) });
  return {
    fake,
    get lastDay() {
      return lastDay;
    },
    clock: () => new Date(`${addDays(lastDay, 1)}T12:00:00.000Z`),
    /** The next day, with these figures (in billions of tokens), becomes complete at the fake. */
    completeDay(figures: Record<string, number>): string {
      const day = addDays(lastDay, 1);
      const dayRows: DayRows = Object.fromEntries(Object.entries(figures).map(([m, t]) => [m, t * B]));
      rows = setDay(rows, day, { ...dayRows, other: 50 * B });
      fake.setRows(rows);
      fake.setLastFinishedDay(day);
      fake.setAsOf(settledAsOf(day));
      lastDay = day;
      return day;
    },
    /** OpenRouter moves one figure of a day already reported. */
    restate(day: string, model: string, billions: number) {
      rows = patchDay(rows, day, { [model]: billions * B });
      fake.restate(day, model, BigInt(billions) * BigInt(B));
    },
  };
}
export type OpenRouterWorld = Awaited<ReturnType<typeof openRouterWorld>>;

export interface E2eApp {
  readonly app: App;
  readonly logger: ReturnType<typeof recordingLogger>;
  readonly dir: string;
  /** app.stop(), then the temp dir removed; a second call does nothing. */
  close(): Promise<void>;
}

/**
 * createApp(loadConfig(env)) on a fresh SQLite file, with the test clock. `paced: false` keeps the
 * configured OpenRouter client's endpoint and key but gives it no 3 s gap between requests (createApp
 * has no setting for that gap, so the source is the same client class built with minIntervalMs 0).
 */
export async function startApp(world: OpenRouterWorld, env: Record<string, string>, opts: { paced?: boolean; clock?: () => Date; timers?: Timers; retry?: Partial<RetryPolicy>; retryBaseMs?: number; noPictures?: boolean } = {}): Promise<E2eApp> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-e2e-'));
  const logger = recordingLogger();
  const config = loadConfig({
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    OPENROUTER_API_KEY: 'test-key',
    OPENROUTER_API_URL: world.fake.url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const source =
    opts.paced === false ? new OpenRouterClient({ baseUrl: config.OPENROUTER_API_URL, apiKey: config.OPENROUTER_API_KEY!, minIntervalMs: 0, backoffMs: 10, logger }) : undefined;
  const app = await createApp(config, {
    clock: opts.clock ?? world.clock,
    logger,
    delivery: { retry: { baseBackoffMs: 10, ...opts.retry }, ...(opts.noPictures ? { pictures: undefined } : {}) },
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.retryBaseMs ? { retryBaseMs: opts.retryBaseMs } : {}),
    ...(source ? { source } : {}),
  });
  let closed = false;
  return {
    app,
    logger,
    dir,
    async close() {
      if (closed) return;
      closed = true;
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One poll, then every delivery it queued sent (or given up). */
export async function pollAndDeliver(app: App) {
  const result = await app.poller.pollOnce();
  await app.deliverer.idle();
  return result;
}

/** Every string anywhere in a JSON-like value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/**
 * A pass-through in front of the fake Slack's Web API that reports some users as workspace admins
 * in users.info (the fake has no admins, and names the bot as every channel's creator). Socket Mode
 * and response_url traffic still goes straight to the fake: only SLACK_API_URL points here.
 */
export async function adminProxy(fakeBaseUrl: string, admins: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const upstream = await fetch(`${fakeBaseUrl}${req.url}`, { method: req.method, headers, ...(body && req.method !== 'GET' ? { body } : {}) });
        let text = await upstream.text();
        if (req.url?.startsWith('/api/users.info')) {
          const parsed = JSON.parse(text) as { ok: boolean; user?: { id: string; is_admin?: boolean } };
          if (parsed.user && admins.includes(parsed.user.id)) parsed.user.is_admin = true;
          text = JSON.stringify(parsed);
        }
        const out: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/json' };
        const retryAfter = upstream.headers.get('retry-after');
        if (retryAfter) out['retry-after'] = retryAfter;
        res.writeHead(upstream.status, out).end(text);
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
