/**
 * A small world for command tests: a real KeyvHistoryStore and SettingsStore on SQLite in a temp
 * dir, filled with a synthetic 35-day history, Services built as the runtime builds them, and
 * invocations for a Discord member, a channel manager, a DM and the console.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Keyv from 'keyv';
import type { CommandContext, Invocation } from '../../commands/command.js';
import { dispatch } from '../../commands/dispatch.js';
import { REGISTRY } from '../../commands/index.js';
import type { Services, StatusView } from '../../commands/services.js';
import { chartViews } from '../../src/app/chart-view.js';
import type { Destination } from '../../src/delivery/destination.js';
import { DeliveryError } from '../../src/delivery/notifier.js';
import { addDays } from '../../src/domain/calendar.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import type { Row } from '../../src/domain/rows.js';
import { silentLogger } from '../../src/logger.js';
import { KeyvHistoryStore } from '../../src/store/keyv-history-store.js';
import { openKeyv } from '../../src/store/open-keyv.js';
import { SettingsStore } from '../../src/store/settings-store.js';

export const FIRST = '2026-03-02'; // a Monday
export const LAST = '2026-04-05'; // a Sunday: 35 complete days, weeks W10..W14
export const QWEN = 'qwen/qwen3.6-plus-04-02';
export const CLAUDE = 'anthropic/claude-4.6-sonnet-20260217';
export const KIMI = 'moonshotai/kimi-k2.5-0127';
export const AS_OF = '2026-04-06T02:40:00.000Z';
const B = 1_000_000_000n;

/** Tokens (in billions) by model for day i; Claude leads days 0-16, Qwen from day 17 on, Kimi leaves on day 20. */
function dayRows(i: number): Record<string, number> {
  const out: Record<string, number> = { [CLAUDE]: 600 + 10 * i, 'google/gemini-3-flash-preview-20251217': 300 + 3 * i, 'deepseek/deepseek-v4-flash': 250 - 2 * i, 'x-ai/grok-4.1-fast': 150, other: 500 };
  if (i >= 5) (out[QWEN] = 100 + 60 * (i - 5)), (out[`${QWEN}:free`] = 50 + 5 * i);
  if (i >= 3) out['openai/gpt-5.4-20260305'] = 200 + 4 * i;
  if (i !== 31) out['minimax/minimax-m2.5'] = 120 + i;
  if (i < 20) out[KIMI] = 400 - 10 * i;
  return out;
}

/** The synthetic rows, plus one day after LAST that is not complete yet. */
export function syntheticRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i <= 35; i++) for (const [model, b] of Object.entries(dayRows(i))) rows.push({ date: addDays(FIRST, i), model, tokens: BigInt(b) * B });
  return rows;
}

const CATALOGUE = [
  { id: 'qwen/qwen3.6-plus', canonicalSlug: QWEN, name: 'Qwen: Qwen3.6 Plus' },
  { id: 'anthropic/claude-sonnet-4.6', canonicalSlug: CLAUDE, name: 'Anthropic: Claude Sonnet 4.6' },
  { id: 'google/gemini-3-flash-preview', canonicalSlug: 'google/gemini-3-flash-preview-20251217', name: 'Google: Gemini 3 Flash Preview' },
  { id: 'deepseek/deepseek-v4-flash', canonicalSlug: 'deepseek/deepseek-v4-flash', name: 'DeepSeek: DeepSeek V4 Flash' },
  { id: 'openai/gpt-5.4', canonicalSlug: 'openai/gpt-5.4-20260305', name: 'OpenAI: GPT-5.4' },
  { id: 'x-ai/grok-4.1-fast', canonicalSlug: 'x-ai/grok-4.1-fast', name: 'xAI: Grok 4.1 Fast' },
  { id: 'moonshotai/kimi-k2.5', canonicalSlug: KIMI, name: 'MoonshotAI: Kimi K2.5' },
];

export const STATUS: StatusView = {
  lastSyncAt: '2026-04-06T02:41:03.000Z',
  lastSyncError: null,
  asOf: AS_OF,
  completeThrough: LAST,
  nextSyncAt: '2026-04-06T03:41:00.000Z',
  sentToday: 12,
  pending: 1,
  disabled: [],
  source: 'openrouter',
  trouble: [],
  dropped: 0,
};

/** A Discord member in #general of guild g1 (or in their DMs). */
export function member(userId: string, o: { manager?: boolean; inDm?: boolean } = {}): Invocation {
  const dm: Destination = { kind: 'discord-dm', userId };
  const channel: Destination = o.inDm ? dm : { kind: 'discord-channel', channelId: 'c1', guildId: 'g1' };
  return { platform: 'discord', user: { platform: 'discord', userId }, channel, ...(o.inDm ? {} : { channelName: '#general' }), dm, canManageChannel: o.manager ?? false, inDm: o.inDm ?? false };
}

export interface World {
  readonly services: Services;
  readonly history: KeyvHistoryStore;
  readonly url: string;
  readonly sentTests: Destination[];
  failTestWith: DeliveryError | null;
  /** What /alerts setup posted in channels (the confirmation), and a failure to script for it. */
  readonly announced: { dest: Destination; text: string }[];
  failAnnounceWith: DeliveryError | null;
  status: StatusView;
  ctx(invocation: Invocation): CommandContext;
  run(name: string, raw: Record<string, unknown>, invocation?: Invocation): ReturnType<typeof dispatch>;
  /** Opens another keyv on the same file, as a restarted process would. */
  reopen(): Promise<Keyv>;
  close(): Promise<void>;
}

export async function openWorld(o: { empty?: boolean } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-commands-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  const kvs: Keyv[] = [await openKeyv(url)];
  const history = new KeyvHistoryStore(kvs[0]);
  if (!o.empty) {
    await history.saveBatch({ rows: syntheticRows(), start: FIRST, end: addDays(LAST, 1), asOf: AS_OF, completeThrough: LAST }, '2026-04-06T02:41:03.000Z');
    await history.saveNames(CATALOGUE, '2026-04-06T02:41:00.000Z');
  }
  const world: World = {
    history,
    url,
    sentTests: [],
    failTestWith: null,
    announced: [],
    failAnnounceWith: null,
    status: STATUS,
    services: {
      charts: chartViews(history, DEFAULT_DETECT_OPTIONS),
      settings: new SettingsStore(kvs[0]),
      status: async () => world.status,
      sendTestAlert: async (dest) => {
        if (world.failTestWith) throw world.failTestWith;
        world.sentTests.push(dest);
      },
      announce: async (dest, text) => {
        if (world.failAnnounceWith) throw world.failAnnounceWith;
        world.announced.push({ dest, text });
      },
      clock: () => new Date('2026-04-06T03:00:00.000Z'),
      logger: silentLogger,
    },
    ctx: (invocation) => ({ invocation, services: world.services }),
    run: (name, raw, invocation = member('u1')) => dispatch(REGISTRY, name, raw, world.ctx(invocation)),
    reopen: async () => {
      const kv = await openKeyv(url);
      kvs.push(kv);
      return kv;
    },
    close: async () => {
      for (const kv of kvs) await kv.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
