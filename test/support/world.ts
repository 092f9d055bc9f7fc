// Real parts for the adapter tests: SQLite keyv in a temp dir, the keyv history store with ten days
// of three models (one with a hostile name), the settings store, chart views and a capturing logger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY } from '../../commands/index.js';
import type { Services, StatusView } from '../../commands/services.js';
import type { AdapterDeps } from '../../src/adapters/adapter.js';
import { chartViews } from '../../src/app/chart-view.js';
import { addDays } from '../../src/domain/calendar.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import type { Row } from '../../src/domain/rows.js';
import type { Destination } from '../../src/delivery/destination.js';
import type { HttpRoutes } from '../../src/http/server.js';
import type { Logger } from '../../src/logger.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { SettingsStore } from '../../src/store/settings-store.js';

export const EVIL_SLUG = 'evil/evil-model';
export const QWEN_SLUG = 'qwen/qwen3.6-plus-04-02';
export const FIRST_DAY = '2026-03-02';
export const LAST_DAY = '2026-03-11';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

export function capturingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function syntheticRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; addDays(FIRST_DAY, i) <= LAST_DAY; i++) {
    const date = addDays(FIRST_DAY, i);
    rows.push({ date, model: QWEN_SLUG, tokens: 900_000_000_000n + BigInt(i) * 10_000_000_000n });
    rows.push({ date, model: EVIL_SLUG, tokens: 500_000_000_000n + BigInt(i) * 60_000_000_000n });
    rows.push({ date, model: 'openai/gpt-5', tokens: 400_000_000_000n });
    rows.push({ date, model: 'other', tokens: 100_000_000_000n });
  }
  return rows;
}

export interface TestWorld {
  readonly services: Services;
  readonly settings: SettingsStore;
  readonly logger: ReturnType<typeof capturingLogger>;
  readonly testAlerts: Destination[];
  /** What /alerts setup posted in channels (the confirmation). */
  readonly announced: { dest: Destination; text: string }[];
  /** Makes every charts() call take this long (a slow store), to exercise deferral. */
  chartsDelayMs: number;
  deps(http?: HttpRoutes): AdapterDeps;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Services over real stores; `evilName` is the catalogue name of EVIL_SLUG (each platform's worst case). */
export async function testWorld(evilName: string): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-adapter-'));
  const url = `sqlite://${join(dir, 's.sqlite')}`;
  const historyKv = await openKeyv(url, 'history');
  const settingsKv = await openKeyv(url, 'settings');
  const history = new KeyvHistoryStore(historyKv);
  await history.saveBatch({ rows: syntheticRows(), start: FIRST_DAY, end: LAST_DAY, asOf: `${LAST_DAY}T06:00:00Z`, completeThrough: LAST_DAY }, `${LAST_DAY}T06:05:00Z`);
  const names = [
    { id: EVIL_SLUG, canonicalSlug: EVIL_SLUG, name: evilName },
    { id: 'qwen/qwen3.6-plus', canonicalSlug: QWEN_SLUG, name: 'Qwen: Qwen3.6 Plus' },
    { id: 'openai/gpt-5', canonicalSlug: 'openai/gpt-5', name: 'OpenAI: GPT-5' },
  ];
  await history.saveNames(names, `${LAST_DAY}T06:05:00Z`);
  const settings = new SettingsStore(settingsKv);
  const logger = capturingLogger();
  const testAlerts: Destination[] = [];
  const announced: { dest: Destination; text: string }[] = [];
  const status: StatusView = { lastSyncAt: `${LAST_DAY}T06:05:00Z`, lastSyncError: null, asOf: `${LAST_DAY}T06:00:00Z`, completeThrough: LAST_DAY, nextSyncAt: null, sentToday: 0, pending: 0, disabled: [], source: 'openrouter', trouble: [], dropped: 0 };
  const views = chartViews(history, DEFAULT_DETECT_OPTIONS);
  const world: TestWorld = {
    chartsDelayMs: 0,
    services: {
      charts: async () => {
        if (world.chartsDelayMs) await sleep(world.chartsDelayMs);
        return views();
      },
      settings,
      status: async () => status,
      sendTestAlert: async (dest) => void testAlerts.push(dest),
      announce: async (dest, text) => void announced.push({ dest, text }),
      clock: () => new Date('2026-03-12T12:00:00Z'),
      logger,
    },
    settings,
    logger,
    testAlerts,
    announced,
    deps: (http) => ({ commands: REGISTRY, services: world.services, logger, ...(http ? { http } : {}), context: (invocation) => ({ invocation, services: world.services }) }),
    async close() {
      await historyKv.disconnect();
      await settingsKv.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Every string anywhere in a JSON-like value (for "nothing in this payload mentions anyone"). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
