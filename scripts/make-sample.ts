// Writes the bundled sample: data/sample/rankings-daily.json and data/sample/models.json, in exactly
// the shapes OpenRouter's `GET /datasets/rankings-daily` and `GET /models` answer with.
//
//   node bin/run-ts.js scripts/make-sample.ts
//
// The output is a pure function of this file, sample-real.ts and the record's CSVs: a seeded PRNG
// (mulberry32), no Math.random, no clock, only node built-ins. Run it twice and the bytes are identical.
//
// How the history is made:
// - Headline models (the ones the stories are about) follow hand-set levels: tokens per weekday in
//   billions at a few dates, interpolated geometrically, times a weekday pattern and noise.
// - Background models share a background pool (also hand-set levels) by weight; each weight follows
//   a launch ramp, a plateau and an exponential decay, so the long tail churns as models come and go.
// - The real record (test/fixtures/openrouter-real/, OpenRouter's published figures, see its
//   README.md and PROVENANCE.csv) then bends 2025-11-10..2026-05-10 onto what really happened:
//   every recorded model's curve is scaled to meet the record, and the last step (sample-real.ts)
//   sets each recorded day's top 10 to the exact figures and each recorded week's top 10 to its
//   published totals (exact, or to 3 significant figures). The record's one self-contradiction is
//   kept as the daily file has it: Step 3.5 Flash sums to 1.32T in the week of 2026-03-30, where the
//   weekly page showed its free variant alone at 1.26T.
// - Story pins fix the figures the made-up stories need (the 2026-06-21 top ten), and week targets
//   scale DeepSeek V4 Flash to 2.9T and 3.43T in 2026-W20 and W21; each correction fades out over the
//   neighbouring days so the curves stay smooth. The last five days (2026-11-16..20, which the
//   no-key demo replays live) are pinned too: Gemini 4 Pro Preview debuts, takes #1, makes the first
//   2T day and the biggest platform day.
// - Ties, the outage day and `other` (5.5-7.5% of a day, never less than everything below rank 50)
//   are applied last, on exact bigints.
// The stories are asserted by test/sample-data.test.ts, the record by test/sample-real.test.ts.
//
// Math.pow, Math.log and Math.exp are the only transcendentals used (levels, decay, the record's ratio
// curves). V8 computes them in software (its fdlibm port), not with the platform's libm, so a given
// Node version gives the same bytes on any machine; the noise uses only + and *.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinRecord, readRealRecord, recordSlugs, trackRecord } from './sample-real.js';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'sample');
const FIRST_DAY = '2025-01-01';
const LAST_DAY = '2026-11-20';
/** The one day the source has no rows for (an outage), not even `other`. */
const GAP_DAY = '2025-08-14';
const AS_OF = '2026-11-21T03:00:00.000Z';
const SEED = 0x2026_0404;
const TOP_N = 50;
const BILLION = 1e9;

// ---------------------------------------------------------------------------------------------
// Calendar: days are integers counted from FIRST_DAY, so the series are plain arrays.

const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(2025, 0, 1);

function dayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / DAY_MS);
}

function dateOf(i: number): string {
  return new Date(EPOCH_MS + i * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (2025-01-01 was a Wednesday). */
function weekday(i: number): number {
  return (((i + 2) % 7) + 7) % 7;
}

const N_DAYS = dayIndex(LAST_DAY) + 1;

// ---------------------------------------------------------------------------------------------
// Randomness: one mulberry32 stream per label, so adding a model never shifts another's noise.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a label into a seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

function streamFor(label: string): () => number {
  return mulberry32(hash32(label) ^ SEED);
}

/** Roughly N(0, 1) from four uniforms (Irwin-Hall): only + and *, so every machine agrees bit for bit. */
function gaussian(rng: () => number): number {
  return (rng() + rng() + rng() + rng() - 2) * 1.7320508075688772;
}

/**
 * Day-to-day multiplicative noise: an AR(1) drift (usage moves in spells, not white noise) plus a
 * little daily jitter. `sd` is the drift's stationary standard deviation.
 */
function noiseSeries(label: string, sd: number): Float64Array {
  const rng = streamFor(label);
  const out = new Float64Array(N_DAYS);
  let drift = 0;
  for (let i = 0; i < N_DAYS; i++) {
    drift = 0.8 * drift + 0.6 * sd * gaussian(rng);
    out[i] = Math.min(1.3, Math.max(0.7, 1 + drift + 0.3 * sd * gaussian(rng)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model catalogue. Levels are billions of tokens on a weekday; the weekday pattern is applied on top.

type Kind = 'chat' | 'code' | 'rp' | 'free';
type Anchor = [date: string, billions: number];

/** Mon..Sun multipliers. Coding traffic drops at weekends; role-play rises; free tiers barely move. */
const WEEKDAY: Record<Kind, readonly number[]> = {
  chat: [1.0, 1.03, 1.03, 1.02, 0.97, 0.9, 0.88],
  code: [1.0, 1.03, 1.03, 1.02, 0.97, 0.78, 0.76],
  rp: [0.97, 0.98, 0.98, 0.99, 1.01, 1.1, 1.12],
  free: [1.0, 1.01, 1.01, 1.01, 0.99, 0.97, 0.97],
};

interface ModelDef {
  /** `model_permaslug` in the rankings: the canonical slug, plus `:free` for a free variant. */
  readonly slug: string;
  readonly kind: Kind;
  /** First day with traffic; also the catalogue's `created`. */
  readonly launch: string;
  /** Last day with traffic (a free promotion ending, a stealth model revealed). */
  readonly end?: string;
  /** Headline models: weekday levels in billions. */
  readonly levels?: readonly Anchor[];
  /** Background models: relative weight in the background pool, decaying from `decayFrom`. */
  readonly weight?: number;
  readonly decayFrom?: string;
  readonly halfLife?: number;
  /** The catalogue row. Absent for retired models and for variants that share the base's row. */
  readonly id?: string;
  readonly name?: string;
}

const QWEN = 'qwen/qwen3.6-plus-04-02';
const KIMI_26 = 'moonshotai/kimi-k2.6-20260420';
const DS_FLASH = 'deepseek/deepseek-v4-flash-20260423';
const CLAUDE_46 = 'anthropic/claude-4.6-sonnet-20260217';
const GEMINI_4 = 'google/gemini-4-pro-preview-20261116';

/** The models the stories are about, each with a hand-drawn launch, ramp, plateau and decay. */
const HEADLINE: readonly ModelDef[] = [
  { slug: 'anthropic/claude-3.5-sonnet-20241022', id: 'anthropic/claude-3.5-sonnet', name: 'Anthropic: Claude 3.5 Sonnet', kind: 'code', launch: '2024-10-22',
    levels: [['2025-01-01', 120], ['2025-02-24', 110], ['2025-03-08', 60], ['2025-05-01', 32], ['2025-08-01', 12], ['2025-12-01', 5], ['2026-04-01', 2], ['2026-11-20', 1]] },
  { slug: 'deepseek/deepseek-chat-v3', id: 'deepseek/deepseek-chat', name: 'DeepSeek: DeepSeek V3', kind: 'chat', launch: '2024-12-26',
    levels: [['2025-01-01', 45], ['2025-01-20', 60], ['2025-02-05', 62], ['2025-03-24', 55], ['2025-04-10', 30], ['2025-07-01', 16], ['2025-12-01', 6], ['2026-06-01', 2]] },
  { slug: 'google/gemini-flash-1.5', id: 'google/gemini-flash-1.5', name: 'Google: Gemini 1.5 Flash', kind: 'chat', launch: '2024-05-14', end: '2025-09-24',
    levels: [['2025-01-01', 48], ['2025-02-10', 40], ['2025-04-01', 16], ['2025-07-01', 6]] },
  { slug: 'openai/gpt-4o-mini', id: 'openai/gpt-4o-mini', name: 'OpenAI: GPT-4o-mini', kind: 'chat', launch: '2024-07-18',
    levels: [['2025-01-01', 42], ['2025-04-14', 38], ['2025-08-07', 26], ['2026-01-01', 14], ['2026-11-20', 5]] },
  // The DeepSeek moment: R1 briefly tops the chart at the end of January 2025.
  { slug: 'deepseek/deepseek-r1', id: 'deepseek/deepseek-r1', name: 'DeepSeek: R1', kind: 'chat', launch: '2025-01-20',
    levels: [['2025-01-20', 10], ['2025-01-23', 80], ['2025-01-28', 135], ['2025-02-10', 105], ['2025-03-15', 60], ['2025-05-28', 32], ['2025-06-15', 18], ['2025-12-01', 5], ['2026-06-01', 2]] },
  { slug: 'deepseek/deepseek-r1:free', kind: 'free', launch: '2025-01-20', end: '2025-11-30',
    levels: [['2025-01-20', 6], ['2025-01-24', 60], ['2025-02-01', 75], ['2025-03-15', 48], ['2025-05-28', 24], ['2025-08-01', 10]] },
  { slug: 'google/gemini-2.0-flash-001', id: 'google/gemini-2.0-flash-001', name: 'Google: Gemini 2.0 Flash', kind: 'chat', launch: '2025-02-05',
    levels: [['2025-02-05', 30], ['2025-02-12', 110], ['2025-03-01', 140], ['2025-04-15', 155], ['2025-06-01', 135], ['2025-07-01', 105], ['2025-09-01', 60], ['2025-12-01', 26], ['2026-04-01', 10], ['2026-11-20', 4]] },
  // The long 2025 reign: Claude 3.7 Sonnet leads every day from early March until Sonnet 4 arrives.
  { slug: 'anthropic/claude-3.7-sonnet-20250219', id: 'anthropic/claude-3.7-sonnet', name: 'Anthropic: Claude 3.7 Sonnet', kind: 'code', launch: '2025-02-24',
    levels: [['2025-02-24', 50], ['2025-02-27', 150], ['2025-03-03', 205], ['2025-04-01', 218], ['2025-05-01', 235], ['2025-05-24', 245], ['2025-05-26', 180], ['2025-06-05', 125], ['2025-07-01', 65], ['2025-09-01', 25], ['2025-12-01', 10], ['2026-04-01', 3], ['2026-11-20', 1]] },
  { slug: 'deepseek/deepseek-chat-v3-0324', id: 'deepseek/deepseek-chat-v3-0324', name: 'DeepSeek: DeepSeek V3 0324', kind: 'chat', launch: '2025-03-24',
    levels: [['2025-03-24', 20], ['2025-03-28', 70], ['2025-05-01', 75], ['2025-07-01', 60], ['2025-09-01', 40], ['2025-12-01', 20], ['2026-04-01', 8], ['2026-11-20', 3]] },
  { slug: 'deepseek/deepseek-chat-v3-0324:free', kind: 'free', launch: '2025-03-24',
    levels: [['2025-03-24', 30], ['2025-03-28', 95], ['2025-04-20', 115], ['2025-06-01', 100], ['2025-08-01', 75], ['2025-11-01', 50], ['2026-02-01', 28], ['2026-11-20', 12]] },
  { slug: 'anthropic/claude-4-sonnet-20250522', id: 'anthropic/claude-sonnet-4', name: 'Anthropic: Claude Sonnet 4', kind: 'code', launch: '2025-05-22',
    levels: [['2025-05-22', 50], ['2025-05-24', 140], ['2025-05-26', 250], ['2025-06-01', 280], ['2025-07-01', 320], ['2025-08-01', 350], ['2025-08-25', 360], ['2025-09-03', 320], ['2025-09-20', 260], ['2025-10-06', 190], ['2025-11-01', 100], ['2025-12-01', 60], ['2026-03-01', 25], ['2026-11-20', 8]] },
  { slug: 'google/gemini-2.5-flash', id: 'google/gemini-2.5-flash', name: 'Google: Gemini 2.5 Flash', kind: 'chat', launch: '2025-06-17',
    levels: [['2025-06-17', 50], ['2025-06-25', 170], ['2025-08-01', 210], ['2025-10-01', 230], ['2025-12-01', 190], ['2026-03-01', 110], ['2026-06-01', 45], ['2026-11-20', 20]] },
  { slug: 'x-ai/grok-code-fast-1', id: 'x-ai/grok-code-fast-1', name: 'xAI: Grok Code Fast 1', kind: 'code', launch: '2025-08-26',
    levels: [['2025-08-26', 30], ['2025-08-29', 200], ['2025-09-03', 340], ['2025-09-10', 440], ['2025-10-01', 480], ['2025-11-01', 440], ['2025-12-01', 350], ['2026-01-15', 260], ['2026-02-15', 190], ['2026-04-01', 120], ['2026-06-01', 60], ['2026-11-20', 25]] },
  { slug: 'x-ai/grok-4-fast:free', kind: 'free', launch: '2025-09-19', end: '2025-12-03',
    levels: [['2025-09-19', 50], ['2025-09-23', 220], ['2025-10-15', 260], ['2025-11-20', 230]] },
  { slug: 'anthropic/claude-4.5-sonnet-20250929', id: 'anthropic/claude-sonnet-4.5', name: 'Anthropic: Claude Sonnet 4.5', kind: 'code', launch: '2025-09-29',
    levels: [['2025-09-29', 100], ['2025-10-01', 300], ['2025-10-08', 440], ['2025-11-01', 490], ['2025-12-01', 520], ['2026-01-15', 480], ['2026-02-17', 420], ['2026-02-24', 260], ['2026-03-15', 150], ['2026-04-15', 90], ['2026-06-01', 40], ['2026-11-20', 12]] },
  { slug: 'minimax/minimax-m2', id: 'minimax/minimax-m2', name: 'MiniMax: MiniMax M2', kind: 'chat', launch: '2025-10-27',
    levels: [['2025-10-27', 30], ['2025-11-01', 140], ['2025-12-01', 120], ['2026-02-01', 60], ['2026-06-01', 25], ['2026-11-20', 8]] },
  { slug: 'minimax/minimax-m2:free', kind: 'free', launch: '2025-10-27', end: '2025-11-20',
    levels: [['2025-10-27', 40], ['2025-10-30', 200], ['2025-11-10', 180]] },
  { slug: 'google/gemini-3-pro-preview-20251117', id: 'google/gemini-3-pro-preview', name: 'Google: Gemini 3 Pro Preview', kind: 'chat', launch: '2025-11-18',
    levels: [['2025-11-18', 60], ['2025-11-22', 200], ['2025-12-15', 180], ['2026-02-19', 140], ['2026-03-01', 60], ['2026-05-01', 25], ['2026-11-20', 8]] },
  { slug: 'x-ai/grok-4.1-fast:free', kind: 'free', launch: '2025-11-19', end: '2025-12-15',
    levels: [['2025-11-19', 80], ['2025-11-22', 340], ['2025-12-10', 320]] },
  { slug: 'anthropic/claude-4.5-opus-20251124', id: 'anthropic/claude-opus-4.5', name: 'Anthropic: Claude Opus 4.5', kind: 'code', launch: '2025-11-24',
    levels: [['2025-11-24', 50], ['2025-11-28', 160], ['2025-12-15', 200], ['2026-02-05', 180], ['2026-02-20', 100], ['2026-05-01', 40], ['2026-11-20', 12]] },
  { slug: 'google/gemini-3-flash-preview-20251217', id: 'google/gemini-3-flash-preview', name: 'Google: Gemini 3 Flash Preview', kind: 'chat', launch: '2025-12-17',
    levels: [['2025-12-17', 60], ['2025-12-20', 250], ['2025-12-31', 420], ['2026-01-20', 540], ['2026-02-15', 550], ['2026-03-15', 480], ['2026-04-01', 455], ['2026-04-06', 400], ['2026-05-01', 320], ['2026-05-20', 300], ['2026-06-21', 275], ['2026-08-01', 210], ['2026-11-20', 120]] },
  { slug: 'moonshotai/kimi-k2.5-0127', id: 'moonshotai/kimi-k2.5', name: 'MoonshotAI: Kimi K2.5', kind: 'chat', launch: '2026-01-27',
    levels: [['2026-01-27', 50], ['2026-02-01', 220], ['2026-03-01', 190], ['2026-05-01', 100], ['2026-06-10', 55], ['2026-08-01', 40], ['2026-11-20', 18]] },
  { slug: 'anthropic/claude-4.6-opus-20260205', id: 'anthropic/claude-opus-4.6', name: 'Anthropic: Claude Opus 4.6', kind: 'code', launch: '2026-02-05',
    levels: [['2026-02-05', 70], ['2026-02-09', 220], ['2026-03-15', 200], ['2026-04-16', 110], ['2026-06-01', 45], ['2026-11-20', 15]] },
  { slug: 'z-ai/glm-5-20260211', id: 'z-ai/glm-5', name: 'Z.AI: GLM 5', kind: 'chat', launch: '2026-02-11',
    levels: [['2026-02-11', 30], ['2026-02-15', 190], ['2026-04-08', 170], ['2026-05-01', 80], ['2026-06-10', 35], ['2026-11-20', 8]] },
  // The incumbent when Qwen3.6 Plus lands: it still leads 2026-04-02, then cedes the chart.
  { slug: CLAUDE_46, id: 'anthropic/claude-sonnet-4.6', name: 'Anthropic: Claude Sonnet 4.6', kind: 'chat', launch: '2026-02-17',
    levels: [['2026-02-17', 120], ['2026-02-19', 360], ['2026-02-26', 500], ['2026-03-15', 520], ['2026-03-31', 520], ['2026-04-03', 470], ['2026-04-06', 455], ['2026-04-20', 420], ['2026-05-01', 400], ['2026-05-20', 435], ['2026-06-08', 470], ['2026-06-21', 520], ['2026-08-01', 430], ['2026-09-22', 380], ['2026-10-01', 260], ['2026-11-20', 170]] },
  { slug: 'minimax/minimax-m2.5-20260211', id: 'minimax/minimax-m2.5', name: 'MiniMax: MiniMax M2.5', kind: 'chat', launch: '2026-02-11',
    levels: [['2026-02-11', 40], ['2026-02-16', 170], ['2026-04-01', 130], ['2026-06-01', 40], ['2026-11-20', 15]] },
  { slug: 'openai/gpt-5.4-20260305', id: 'openai/gpt-5.4', name: 'OpenAI: GPT-5.4', kind: 'chat', launch: '2026-03-05',
    levels: [['2026-03-05', 50], ['2026-03-09', 160], ['2026-05-01', 115], ['2026-06-10', 60], ['2026-08-01', 50], ['2026-11-20', 25]] },
  // The record launch (the real figures of 04-02..04-07 come from the record): #1 from 04-03 for five
  // days, then almost nothing in the week of 04-06 (the record's weekly 1.66T is already in 04-06 and
  // 04-07), and a paid tier that grows back to the top ten by the autumn.
  { slug: QWEN, id: 'qwen/qwen3.6-plus', name: 'Qwen: Qwen3.6 Plus', kind: 'chat', launch: '2026-04-02',
    levels: [['2026-04-02', 174], ['2026-04-03', 1414], ['2026-04-04', 1572], ['2026-04-05', 1442], ['2026-04-06', 931], ['2026-04-07', 732], ['2026-04-08', 0.3], ['2026-04-12', 0.3], ['2026-04-20', 15], ['2026-05-10', 40], ['2026-06-21', 150], ['2026-08-01', 260], ['2026-09-01', 300], ['2026-11-20', 210]] },
  // The preview that came before it (free; the record merges it): 03-30..04-05.
  { slug: 'qwen/qwen3.6-plus-preview', id: 'qwen/qwen3.6-plus-preview', name: 'Qwen: Qwen3.6 Plus Preview', kind: 'free', launch: '2026-03-30', end: '2026-04-05',
    levels: [['2026-03-30', 8], ['2026-03-31', 446], ['2026-04-01', 636], ['2026-04-02', 541], ['2026-04-03', 5], ['2026-04-05', 2]] },
  { slug: 'z-ai/glm-5.1-20260406', id: 'z-ai/glm-5.1', name: 'Z.AI: GLM 5.1', kind: 'chat', launch: '2026-04-07',
    levels: [['2026-04-07', 60], ['2026-04-12', 220], ['2026-05-20', 230], ['2026-06-21', 228], ['2026-09-01', 120], ['2026-11-20', 50]] },
  { slug: 'anthropic/claude-4.7-opus-20260416', id: 'anthropic/claude-opus-4.7', name: 'Anthropic: Claude Opus 4.7', kind: 'chat', launch: '2026-04-16',
    levels: [['2026-04-16', 60], ['2026-04-20', 210], ['2026-05-20', 190], ['2026-06-21', 200], ['2026-09-01', 110], ['2026-11-20', 50]] },
  // The multi-week reign: DeepSeek V4 Flash leads the weekly chart from 2026-W20 (the record has it
  // #9 and #5 in W18 and W19) for six weeks.
  { slug: DS_FLASH, id: 'deepseek/deepseek-v4-flash', name: 'DeepSeek: DeepSeek V4 Flash', kind: 'chat', launch: '2026-04-23',
    levels: [['2026-04-23', 120], ['2026-04-25', 330], ['2026-04-28', 470], ['2026-05-03', 480], ['2026-05-10', 490], ['2026-05-20', 505], ['2026-06-08', 580], ['2026-06-21', 680], ['2026-07-15', 570], ['2026-09-01', 420], ['2026-11-20', 260]] },
  { slug: `${DS_FLASH}:free`, kind: 'free', launch: '2026-04-23', end: '2026-09-30',
    levels: [['2026-04-23', 40], ['2026-04-27', 150], ['2026-05-20', 185], ['2026-06-21', 206], ['2026-08-01', 190]] },
  { slug: 'deepseek/deepseek-v4-pro-20260423', id: 'deepseek/deepseek-v4-pro', name: 'DeepSeek: DeepSeek V4 Pro', kind: 'chat', launch: '2026-04-23',
    levels: [['2026-04-23', 40], ['2026-04-27', 150], ['2026-05-25', 140], ['2026-06-15', 80], ['2026-09-01', 60], ['2026-11-20', 35]] },
  { slug: 'minimax/minimax-m3', id: 'minimax/minimax-m3', name: 'MiniMax: MiniMax M3', kind: 'chat', launch: '2026-05-14',
    levels: [['2026-05-14', 50], ['2026-05-20', 200], ['2026-06-21', 290], ['2026-09-01', 180], ['2026-11-20', 90]] },
  { slug: 'openai/gpt-5.5-20260528', id: 'openai/gpt-5.5', name: 'OpenAI: GPT-5.5', kind: 'chat', launch: '2026-05-28',
    levels: [['2026-05-28', 80], ['2026-06-01', 350], ['2026-06-21', 510], ['2026-08-01', 430], ['2026-11-20', 260]] },
  // Ends the DeepSeek reign (W20..W25, six weeks): leads the 2026-06-21 chart and the week after.
  { slug: 'google/gemini-3.5-flash-20260609', id: 'google/gemini-3.5-flash', name: 'Google: Gemini 3.5 Flash', kind: 'chat', launch: '2026-06-09',
    levels: [['2026-06-09', 60], ['2026-06-11', 300], ['2026-06-14', 550], ['2026-06-21', 765], ['2026-07-15', 740], ['2026-09-01', 600], ['2026-11-20', 420]] },
  { slug: 'moonshotai/kimi-k3', id: 'moonshotai/kimi-k3', name: 'MoonshotAI: Kimi K3', kind: 'chat', launch: '2026-07-14',
    levels: [['2026-07-14', 100], ['2026-07-18', 380], ['2026-09-01', 330], ['2026-11-20', 190]] },
  { slug: 'x-ai/grok-code-fast-2', id: 'x-ai/grok-code-fast-2', name: 'xAI: Grok Code Fast 2', kind: 'code', launch: '2026-08-18',
    levels: [['2026-08-18', 100], ['2026-08-25', 440], ['2026-10-01', 470], ['2026-11-20', 360]] },
  { slug: 'qwen/qwen3.7-plus-09-09', id: 'qwen/qwen3.7-plus', name: 'Qwen: Qwen3.7 Plus', kind: 'chat', launch: '2026-09-09',
    levels: [['2026-09-09', 100], ['2026-09-12', 540], ['2026-10-15', 450], ['2026-11-20', 330]] },
  { slug: 'qwen/qwen3.7-plus-09-09:free', kind: 'free', launch: '2026-09-09', end: '2026-09-30',
    levels: [['2026-09-09', 150], ['2026-09-12', 380], ['2026-09-28', 300]] },
  { slug: 'anthropic/claude-5-sonnet-20260922', id: 'anthropic/claude-sonnet-5', name: 'Anthropic: Claude Sonnet 5', kind: 'chat', launch: '2026-09-22',
    levels: [['2026-09-22', 200], ['2026-09-25', 600], ['2026-10-15', 700], ['2026-11-20', 720]] },
  { slug: 'deepseek/deepseek-v4.1-flash-20261020', id: 'deepseek/deepseek-v4.1-flash', name: 'DeepSeek: DeepSeek V4.1 Flash', kind: 'chat', launch: '2026-10-20',
    levels: [['2026-10-20', 100], ['2026-10-25', 450], ['2026-11-20', 500]] },
  // The final week, which the no-key demo replays live: a preview launches on Monday 2026-11-16,
  // enters the top ten that day, takes #1 on 11-18 (ending Claude Sonnet 5's reign) and, opened to
  // every account on 11-19, makes the first 2T day and the biggest platform day. Days pinned below.
  { slug: GEMINI_4, id: 'google/gemini-4-pro-preview', name: 'Google: Gemini 4 Pro Preview', kind: 'chat', launch: '2026-11-16',
    levels: [['2026-11-16', 190], ['2026-11-17', 550], ['2026-11-18', 850], ['2026-11-19', 2000], ['2026-11-20', 1930]] },
];

/**
 * Models of the real record (2025-11-10..2026-05-10) the made-up history did not have. Their levels
 * only shape them: scripts/sample-real.ts bends every recorded model onto the record's figures.
 * Stealth models (`openrouter/…-alpha`) have no catalogue row, as they had none once renamed.
 */
const REAL_MODELS: readonly ModelDef[] = [
  { slug: 'openrouter/polaris-alpha', kind: 'chat', launch: '2025-11-06', end: '2025-11-16', levels: [['2025-11-06', 10], ['2025-11-10', 22], ['2025-11-16', 20]] },
  { slug: 'openrouter/sherlock-think-alpha', kind: 'chat', launch: '2025-11-15', end: '2025-11-23', levels: [['2025-11-15', 15], ['2025-11-18', 28], ['2025-11-23', 20]] },
  { slug: 'xiaomi/mimo-v2-flash-20251210:free', kind: 'free', launch: '2025-12-14', end: '2026-03-15',
    levels: [['2025-12-14', 20], ['2025-12-20', 50], ['2026-01-15', 80], ['2026-02-10', 30], ['2026-03-15', 10]] },
  { slug: 'minimax/minimax-m2.1', id: 'minimax/minimax-m2.1', name: 'MiniMax: MiniMax M2.1', kind: 'chat', launch: '2025-12-23',
    levels: [['2025-12-23', 20], ['2026-01-10', 40], ['2026-02-05', 63], ['2026-02-20', 30], ['2026-05-01', 12], ['2026-11-20', 4]] },
  { slug: 'arcee-ai/trinity-large-preview:free', kind: 'free', launch: '2026-01-28', end: '2026-04-15',
    levels: [['2026-01-28', 20], ['2026-02-10', 63], ['2026-02-25', 77], ['2026-03-05', 75], ['2026-03-20', 50], ['2026-04-15', 20]] },
  { slug: 'stepfun/step-3.5-flash:free', kind: 'free', launch: '2026-01-29', end: '2026-03-29',
    levels: [['2026-01-29', 10], ['2026-02-15', 45], ['2026-03-01', 100], ['2026-03-12', 190], ['2026-03-29', 212]] },
  // From 03-30 the record merges the free tier into this slug.
  { slug: 'stepfun/step-3.5-flash', id: 'stepfun/step-3.5-flash', name: 'StepFun: Step 3.5 Flash', kind: 'chat', launch: '2026-01-29',
    levels: [['2026-01-29', 3], ['2026-03-29', 8], ['2026-03-30', 200], ['2026-04-08', 130], ['2026-04-12', 60], ['2026-04-20', 100], ['2026-05-10', 100], ['2026-07-01', 50], ['2026-11-20', 20]] },
  { slug: 'openrouter/hunter-alpha', kind: 'chat', launch: '2026-03-09', end: '2026-03-22', levels: [['2026-03-09', 60], ['2026-03-12', 100], ['2026-03-22', 130]] },
  { slug: 'nvidia/nemotron-3-super-120b-a12b-20230311', id: 'nvidia/nemotron-3-super-120b-a12b', name: 'NVIDIA: Nemotron 3 Super', kind: 'chat', launch: '2026-03-11',
    levels: [['2026-03-11', 30], ['2026-04-01', 70], ['2026-04-09', 105], ['2026-04-26', 95], ['2026-06-01', 60], ['2026-11-20', 20]] },
  { slug: 'z-ai/glm-5-turbo-20260315', id: 'z-ai/glm-5-turbo', name: 'Z.AI: GLM 5 Turbo', kind: 'chat', launch: '2026-03-15',
    levels: [['2026-03-15', 100], ['2026-03-20', 145], ['2026-04-02', 115], ['2026-04-10', 40], ['2026-06-01', 20], ['2026-11-20', 6]] },
  { slug: 'xiaomi/mimo-v2-pro-20260318', id: 'xiaomi/mimo-v2-pro', name: 'Xiaomi: MiMo-V2-Pro', kind: 'chat', launch: '2026-03-18',
    levels: [['2026-03-18', 150], ['2026-03-25', 560], ['2026-04-02', 700], ['2026-04-03', 150], ['2026-04-06', 30], ['2026-04-10', 110], ['2026-04-20', 165], ['2026-05-10', 150], ['2026-06-01', 110], ['2026-09-01', 70], ['2026-11-20', 40]] },
  { slug: 'minimax/minimax-m2.7-20260318', id: 'minimax/minimax-m2.7', name: 'MiniMax: MiniMax M2.7', kind: 'chat', launch: '2026-03-18',
    levels: [['2026-03-18', 60], ['2026-03-23', 185], ['2026-04-10', 165], ['2026-05-10', 105], ['2026-07-01', 60], ['2026-11-20', 20]] },
  { slug: 'openrouter/elephant-alpha', kind: 'chat', launch: '2026-04-14', end: '2026-04-25', levels: [['2026-04-14', 70], ['2026-04-16', 103], ['2026-04-25', 60]] },
  { slug: KIMI_26, id: 'moonshotai/kimi-k2.6', name: 'MoonshotAI: Kimi K2.6', kind: 'chat', launch: '2026-04-20',
    levels: [['2026-04-20', 60], ['2026-04-21', 190], ['2026-04-22', 282], ['2026-04-27', 323], ['2026-05-10', 230], ['2026-06-01', 300], ['2026-06-21', 440], ['2026-08-01', 300], ['2026-11-20', 120]] },
  { slug: 'tencent/hy3-preview-20260421', id: 'tencent/hy3-preview', name: 'Tencent: Hy3 Preview', kind: 'chat', launch: '2026-04-21',
    levels: [['2026-04-21', 20], ['2026-04-26', 118], ['2026-04-27', 211], ['2026-04-28', 60], ['2026-05-10', 122], ['2026-06-01', 90], ['2026-11-20', 30]] },
  // The free tier that led the weeks of 04-27 and 05-04 (after the daily window, so a key of its own).
  { slug: 'tencent/hy3-preview-20260421:free', kind: 'free', launch: '2026-04-28', end: '2026-06-30',
    levels: [['2026-04-28', 430], ['2026-05-03', 430], ['2026-05-10', 380], ['2026-05-20', 150], ['2026-06-15', 30]] },
  { slug: 'inclusionai/ling-2.6-1t-20260423', id: 'inclusionai/ling-2.6-1t', name: 'inclusionAI: Ling-2.6-1T', kind: 'chat', launch: '2026-04-23',
    levels: [['2026-04-23', 30], ['2026-04-25', 83], ['2026-05-10', 40], ['2026-06-15', 15], ['2026-11-20', 5]] },
];

/** Catalogue rows with no ranked model of their own: a free-only model's base, and the Qwen trap. */
const CATALOGUE_ONLY: readonly { id: string; slug: string; name: string; launch: string }[] = [
  { id: 'qwen/qwen3.6-plus:free', slug: QWEN, name: 'Qwen: Qwen3.6 Plus (free)', launch: '2026-04-02' },
  { id: 'xiaomi/mimo-v2-flash', slug: 'xiaomi/mimo-v2-flash-20251210', name: 'Xiaomi: MiMo-V2-Flash', launch: '2025-12-14' },
  { id: 'arcee-ai/trinity-large-preview', slug: 'arcee-ai/trinity-large-preview', name: 'Arcee AI: Trinity Large Preview', launch: '2026-01-28' },
];

/** A background model: weight in the pool, launch, and when and how fast it fades. */
function bg(slug: string, id: string | undefined, name: string | undefined, kind: Kind, launch: string, weight: number,
  fade: { from?: string; halfLife?: number; end?: string } = {}): ModelDef {
  return { slug, id, name, kind, launch, weight, decayFrom: fade.from, halfLife: fade.halfLife, end: fade.end };
}

/** A free variant: ranked as its own entry, named through its base model's catalogue row. */
function bgFree(base: string, launch: string, weight: number, fade: { from?: string; halfLife?: number; end?: string } = {}): ModelDef {
  return bg(`${base}:free`, undefined, undefined, 'free', launch, weight, fade);
}

/** The long tail: many models, none a contender for the top spot. */
const BACKGROUND: readonly ModelDef[] = [
  bg('anthropic/claude-3.5-haiku-20241022', 'anthropic/claude-3.5-haiku', 'Anthropic: Claude 3.5 Haiku', 'code', '2024-11-04', 40, { from: '2025-03-01', halfLife: 120 }),
  bg('anthropic/claude-3-haiku', 'anthropic/claude-3-haiku', 'Anthropic: Claude 3 Haiku', 'chat', '2024-03-13', 18, { from: '2025-01-01', halfLife: 200 }),
  bg('openai/gpt-4o-2024-11-20', 'openai/gpt-4o-2024-11-20', 'OpenAI: GPT-4o (2024-11-20)', 'chat', '2024-11-20', 35, { from: '2025-04-14', halfLife: 120 }),
  bg('openai/chatgpt-4o-latest', 'openai/chatgpt-4o-latest', 'OpenAI: ChatGPT-4o', 'chat', '2024-08-14', 15, { from: '2025-01-01', halfLife: 200 }),
  bg('openai/o1-mini-2024-09-12', 'openai/o1-mini', 'OpenAI: o1-mini', 'chat', '2024-09-12', 12, { from: '2025-01-31', halfLife: 60 }),
  bg('openai/o1-2024-12-17', 'openai/o1', 'OpenAI: o1', 'chat', '2024-12-17', 10, { from: '2025-03-01', halfLife: 120 }),
  bg('google/gemini-flash-1.5-8b', 'google/gemini-flash-1.5-8b', 'Google: Gemini 1.5 Flash 8B', 'chat', '2024-10-03', 28, { from: '2025-02-05', halfLife: 100, end: '2025-09-24' }),
  bg('google/gemini-pro-1.5', 'google/gemini-pro-1.5', 'Google: Gemini 1.5 Pro', 'chat', '2024-04-09', 18, { from: '2025-01-01', halfLife: 100, end: '2025-09-24' }),
  bg('google/gemini-2.0-flash-exp:free', 'google/gemini-2.0-flash-exp:free', 'Google: Gemini 2.0 Flash Experimental (free)', 'free', '2024-12-11', 45, { from: '2025-02-05', halfLife: 40, end: '2025-05-20' }),
  bg('meta-llama/llama-3.1-8b-instruct', 'meta-llama/llama-3.1-8b-instruct', 'Meta: Llama 3.1 8B Instruct', 'chat', '2024-07-23', 30, { from: '2025-01-01', halfLife: 300 }),
  bg('meta-llama/llama-3.1-70b-instruct', 'meta-llama/llama-3.1-70b-instruct', 'Meta: Llama 3.1 70B Instruct', 'chat', '2024-07-23', 20, { from: '2025-01-01', halfLife: 150 }),
  bg('meta-llama/llama-3.3-70b-instruct', 'meta-llama/llama-3.3-70b-instruct', 'Meta: Llama 3.3 70B Instruct', 'chat', '2024-12-06', 40, { from: '2025-04-05', halfLife: 200 }),
  bg('meta-llama/llama-3.1-405b-instruct', 'meta-llama/llama-3.1-405b-instruct', 'Meta: Llama 3.1 405B Instruct', 'chat', '2024-07-23', 10, { from: '2025-01-01', halfLife: 150 }),
  bg('meta-llama/llama-3.2-3b-instruct', 'meta-llama/llama-3.2-3b-instruct', 'Meta: Llama 3.2 3B Instruct', 'chat', '2024-09-25', 10, { from: '2025-01-01', halfLife: 250 }),
  bg('mistralai/mistral-nemo', 'mistralai/mistral-nemo', 'Mistral: Mistral Nemo', 'rp', '2024-07-19', 32, { from: '2025-01-01', halfLife: 400 }),
  bg('mistralai/mistral-large-2411', 'mistralai/mistral-large-2411', 'Mistral Large 2411', 'chat', '2024-11-18', 9, { from: '2025-01-01', halfLife: 150 }),
  bg('mistralai/ministral-8b', 'mistralai/ministral-8b', 'Mistral: Ministral 8B', 'chat', '2024-10-17', 6, { from: '2025-01-01', halfLife: 200 }),
  bg('mistralai/mistral-7b-instruct', 'mistralai/mistral-7b-instruct', 'Mistral: Mistral 7B Instruct', 'chat', '2024-05-27', 7, { from: '2025-01-01', halfLife: 250 }),
  bg('qwen/qwen-2.5-72b-instruct', 'qwen/qwen-2.5-72b-instruct', 'Qwen2.5 72B Instruct', 'chat', '2024-09-19', 24, { from: '2025-01-01', halfLife: 200 }),
  bg('qwen/qwen-2.5-coder-32b-instruct', 'qwen/qwen-2.5-coder-32b-instruct', 'Qwen2.5 Coder 32B Instruct', 'code', '2024-11-11', 16, { from: '2025-01-01', halfLife: 150 }),
  bg('qwen/qwq-32b-preview', 'qwen/qwq-32b-preview', 'Qwen: QwQ 32B Preview', 'chat', '2024-11-28', 7, { from: '2025-01-01', halfLife: 60, end: '2025-06-30' }),
  bg('nousresearch/hermes-3-llama-3.1-405b', 'nousresearch/hermes-3-llama-3.1-405b', 'Nous: Hermes 3 405B Instruct', 'rp', '2024-08-16', 10, { from: '2025-01-01', halfLife: 250 }),
  bg('nousresearch/hermes-3-llama-3.1-70b', 'nousresearch/hermes-3-llama-3.1-70b', 'Nous: Hermes 3 70B Instruct', 'rp', '2024-08-18', 7, { from: '2025-01-01', halfLife: 250 }),
  bg('gryphe/mythomax-l2-13b', 'gryphe/mythomax-l2-13b', 'MythoMax 13B', 'rp', '2023-07-02', 30, { from: '2025-01-01', halfLife: 400 }),
  bg('sao10k/l3.1-euryale-70b', 'sao10k/l3.1-euryale-70b', 'Sao10K: Llama 3.1 Euryale 70B v2.2', 'rp', '2024-08-28', 16, { from: '2025-01-01', halfLife: 300 }),
  bg('sao10k/l3.3-euryale-70b', 'sao10k/l3.3-euryale-70b', 'Sao10K: Llama 3.3 Euryale 70B', 'rp', '2024-12-18', 18, { from: '2025-04-01', halfLife: 300 }),
  bg('microsoft/wizardlm-2-8x22b', 'microsoft/wizardlm-2-8x22b', 'WizardLM-2 8x22B', 'rp', '2024-04-16', 16, { from: '2025-01-01', halfLife: 250 }),
  bg('cohere/command-r-plus-08-2024', 'cohere/command-r-plus-08-2024', 'Cohere: Command R+ (08-2024)', 'chat', '2024-08-30', 6, { from: '2025-01-01', halfLife: 200 }),
  bg('x-ai/grok-2-1212', 'x-ai/grok-2-1212', 'xAI: Grok 2 1212', 'chat', '2024-12-15', 9, { from: '2025-02-17', halfLife: 90 }),
  bg('amazon/nova-lite-v1', 'amazon/nova-lite-v1', 'Amazon: Nova Lite 1.0', 'chat', '2024-12-05', 12, { from: '2025-03-01', halfLife: 250 }),
  bg('amazon/nova-pro-v1', 'amazon/nova-pro-v1', 'Amazon: Nova Pro 1.0', 'chat', '2024-12-05', 7, { from: '2025-03-01', halfLife: 250 }),
  bg('amazon/nova-micro-v1', 'amazon/nova-micro-v1', 'Amazon: Nova Micro 1.0', 'chat', '2024-12-05', 5, { from: '2025-03-01', halfLife: 250 }),
  bg('anthracite-org/magnum-v4-72b', 'anthracite-org/magnum-v4-72b', 'Magnum v4 72B', 'rp', '2024-10-22', 12, { from: '2025-01-01', halfLife: 250 }),
  bg('neversleep/llama-3.1-lumimaid-8b', 'neversleep/llama-3.1-lumimaid-8b', 'NeverSleep: Lumimaid v0.2 8B', 'rp', '2024-09-15', 8, { from: '2025-01-01', halfLife: 250 }),
  bg('google/gemma-2-9b-it', 'google/gemma-2-9b-it', 'Google: Gemma 2 9B', 'chat', '2024-06-28', 6, { from: '2025-01-01', halfLife: 200 }),
  bg('liquid/lfm-40b', 'liquid/lfm-40b', 'Liquid: LFM 40B MoE', 'chat', '2024-09-30', 5, { from: '2025-01-01', halfLife: 120, end: '2025-07-31' }),
  bg('eva-unit-01/eva-qwen-2.5-72b', 'eva-unit-01/eva-qwen-2.5-72b', 'EVA Qwen2.5 72B', 'rp', '2024-11-22', 7, { from: '2025-01-01', halfLife: 250 }),
  bg('perplexity/llama-3.1-sonar-large-128k-online', 'perplexity/llama-3.1-sonar-large-128k-online', 'Perplexity: Llama 3.1 Sonar 70B Online', 'chat', '2024-08-01', 8, { end: '2025-02-28' }),
  bg('openai/o3-mini-2025-01-31', 'openai/o3-mini', 'OpenAI: o3 Mini', 'chat', '2025-01-31', 22, { halfLife: 120 }),
  bg('google/gemini-2.0-flash-lite-001', 'google/gemini-2.0-flash-lite-001', 'Google: Gemini 2.0 Flash Lite', 'chat', '2025-02-25', 30, { from: '2025-07-22', halfLife: 200 }),
  bg('google/gemma-3-27b-it', 'google/gemma-3-27b-it', 'Google: Gemma 3 27B', 'chat', '2025-03-12', 16, { halfLife: 200 }),
  // Stealth models: big for a week or two, then renamed, so the catalogue no longer lists them.
  bg('openrouter/quasar-alpha', undefined, undefined, 'chat', '2025-04-03', 80, { end: '2025-04-14' }),
  bg('openrouter/optimus-alpha', undefined, undefined, 'chat', '2025-04-10', 60, { end: '2025-04-14' }),
  bg('meta-llama/llama-4-maverick-17b-128e-instruct', 'meta-llama/llama-4-maverick', 'Meta: Llama 4 Maverick', 'chat', '2025-04-05', 28, { halfLife: 120 }),
  bgFree('meta-llama/llama-4-maverick-17b-128e-instruct', '2025-04-05', 25, { halfLife: 90, end: '2025-12-31' }),
  bg('openai/gpt-4.1-2025-04-14', 'openai/gpt-4.1', 'OpenAI: GPT-4.1', 'chat', '2025-04-14', 45, { from: '2025-08-07', halfLife: 150 }),
  bg('google/gemini-2.5-flash-preview-04-17', 'google/gemini-2.5-flash-preview', 'Google: Gemini 2.5 Flash Preview 04-17', 'chat', '2025-04-17', 55, { from: '2025-06-17', halfLife: 20, end: '2025-07-15' }),
  bg('anthropic/claude-4-opus-20250522', 'anthropic/claude-opus-4', 'Anthropic: Claude Opus 4', 'code', '2025-05-22', 28, { from: '2025-08-05', halfLife: 60 }),
  bg('deepseek/deepseek-r1-0528', 'deepseek/deepseek-r1-0528', 'DeepSeek: R1 0528', 'chat', '2025-05-28', 35, { halfLife: 150 }),
  bgFree('deepseek/deepseek-r1-0528', '2025-05-28', 45, { halfLife: 120 }),
  bg('google/gemini-2.5-pro', 'google/gemini-2.5-pro', 'Google: Gemini 2.5 Pro', 'chat', '2025-06-17', 60, { from: '2025-11-18', halfLife: 120 }),
  bg('google/gemini-2.5-flash-lite', 'google/gemini-2.5-flash-lite', 'Google: Gemini 2.5 Flash Lite', 'chat', '2025-07-22', 40, { from: '2026-01-01', halfLife: 200 }),
  bg('moonshotai/kimi-k2', 'moonshotai/kimi-k2', 'MoonshotAI: Kimi K2 0711', 'chat', '2025-07-11', 45, { from: '2025-09-05', halfLife: 90 }),
  bgFree('moonshotai/kimi-k2', '2025-07-11', 35, { halfLife: 60, end: '2025-11-15' }),
  bg('qwen/qwen3-coder-480b-a35b-07-25', 'qwen/qwen3-coder', 'Qwen: Qwen3 Coder 480B A35B', 'code', '2025-07-23', 45, { halfLife: 150 }),
  bgFree('qwen/qwen3-coder-480b-a35b-07-25', '2025-07-23', 40, { halfLife: 90, end: '2026-01-31' }),
  bg('z-ai/glm-4.5', 'z-ai/glm-4.5', 'Z.AI: GLM 4.5', 'chat', '2025-07-25', 32, { from: '2025-09-30', halfLife: 90 }),
  bg('openrouter/horizon-beta', undefined, undefined, 'chat', '2025-07-30', 90, { end: '2025-08-08' }),
  bg('openai/gpt-oss-120b', 'openai/gpt-oss-120b', 'OpenAI: gpt-oss-120b', 'chat', '2025-08-05', 40, { halfLife: 200 }),
  bg('openai/gpt-5-2025-08-07', 'openai/gpt-5', 'OpenAI: GPT-5', 'chat', '2025-08-07', 55, { from: '2025-11-13', halfLife: 90 }),
  bg('openai/gpt-5-mini-2025-08-07', 'openai/gpt-5-mini', 'OpenAI: GPT-5 Mini', 'chat', '2025-08-07', 40, { from: '2025-12-11', halfLife: 150 }),
  bg('deepseek/deepseek-chat-v3.1', 'deepseek/deepseek-chat-v3.1', 'DeepSeek: DeepSeek V3.1', 'chat', '2025-08-21', 40, { from: '2025-09-29', halfLife: 90 }),
  bgFree('deepseek/deepseek-chat-v3.1', '2025-08-21', 30, { end: '2025-10-31' }),
  bg('openrouter/sonoma-sky-alpha', undefined, undefined, 'chat', '2025-09-05', 65, { end: '2025-09-19' }),
  bg('x-ai/grok-4-fast', 'x-ai/grok-4-fast', 'xAI: Grok 4 Fast', 'chat', '2025-09-19', 30, { halfLife: 150 }),
  bg('z-ai/glm-4.6', 'z-ai/glm-4.6', 'Z.AI: GLM 4.6', 'chat', '2025-09-30', 55, { from: '2025-12-22', halfLife: 90 }),
  bg('anthropic/claude-4.5-haiku-20251001', 'anthropic/claude-haiku-4.5', 'Anthropic: Claude Haiku 4.5', 'code', '2025-10-15', 45, { halfLife: 200 }),
  bg('openai/gpt-5.1-20251113', 'openai/gpt-5.1', 'OpenAI: GPT-5.1', 'chat', '2025-11-13', 50, { from: '2025-12-11', halfLife: 120 }),
  bg('x-ai/grok-4.1-fast', 'x-ai/grok-4.1-fast', 'xAI: Grok 4.1 Fast', 'chat', '2025-11-19', 40, { halfLife: 150 }),
  bg('deepseek/deepseek-v3.2-20251201', 'deepseek/deepseek-v3.2', 'DeepSeek: DeepSeek V3.2', 'chat', '2025-12-01', 55, { from: '2026-04-23', halfLife: 60 }),
  bg('openai/gpt-5.2-20251211', 'openai/gpt-5.2', 'OpenAI: GPT-5.2', 'chat', '2025-12-11', 40, { from: '2026-03-05', halfLife: 90 }),
  bg('z-ai/glm-4.7', 'z-ai/glm-4.7', 'Z.AI: GLM 4.7', 'chat', '2025-12-22', 55, { from: '2026-02-11', halfLife: 60 }),
  bg('qwen/qwen3.5-plus-02-15', 'qwen/qwen3.5-plus', 'Qwen: Qwen3.5 Plus', 'chat', '2026-02-16', 45, { from: '2026-04-02', halfLife: 40 }),
  bg('google/gemini-3.1-pro-preview-20260219', 'google/gemini-3.1-pro-preview', 'Google: Gemini 3.1 Pro Preview', 'chat', '2026-02-19', 50, { from: '2026-06-09', halfLife: 90 }),
  bg('openai/gpt-5.4-mini-20260305', 'openai/gpt-5.4-mini', 'OpenAI: GPT-5.4 Mini', 'chat', '2026-03-05', 40, { halfLife: 150 }),
  bg('anthropic/claude-4.7-haiku-20260708', 'anthropic/claude-haiku-4.7', 'Anthropic: Claude Haiku 4.7', 'code', '2026-07-08', 45, { halfLife: 200 }),
  bg('z-ai/glm-5.5', 'z-ai/glm-5.5', 'Z.AI: GLM 5.5', 'chat', '2026-10-06', 60, { halfLife: 150 }),
  bg('openai/gpt-5.6-20261014', 'openai/gpt-5.6', 'OpenAI: GPT-5.6', 'chat', '2026-10-14', 55, { halfLife: 150 }),
  bg('minimax/minimax-m3.5', 'minimax/minimax-m3.5', 'MiniMax: MiniMax M3.5', 'chat', '2026-10-20', 50, { halfLife: 150 }),
];

/**
 * Size of the background pool (weekday level, billions). It shrinks in June 2026 because two huge
 * launches (Gemini 3.5 Flash, GPT-5.5) pull traffic off the long tail.
 */
const BACKGROUND_POOL: readonly Anchor[] = [
  ['2025-01-01', 260], ['2025-04-01', 300], ['2025-07-01', 400], ['2025-10-01', 520], ['2026-01-01', 620],
  ['2026-03-15', 700], ['2026-03-31', 700], ['2026-04-03', 420], ['2026-04-12', 560], ['2026-05-01', 820],
  ['2026-05-20', 900], ['2026-05-28', 820], ['2026-06-10', 560], ['2026-06-25', 470], ['2026-08-01', 430],
  ['2026-11-20', 520],
];

// ---------------------------------------------------------------------------------------------
// Pins: figures the stories need exactly.

interface Pin {
  readonly slug: string;
  readonly date: string;
  readonly tokens: bigint;
  /** Days over which the correction fades out on either side, so the curve stays smooth. */
  readonly fade: number;
}

const PINS: readonly Pin[] = [
  // A daily top ten (2026-06-21), to the billion (the figures of an earlier real chart, kept as a story).
  { slug: 'google/gemini-3.5-flash-20260609', date: '2026-06-21', tokens: 676_012_345_678n, fade: 7 },
  { slug: DS_FLASH, date: '2026-06-21', tokens: 600_248_913_557n, fade: 7 },
  { slug: CLAUDE_46, date: '2026-06-21', tokens: 461_390_557_204n, fade: 7 },
  { slug: 'openai/gpt-5.5-20260528', date: '2026-06-21', tokens: 449_117_803_962n, fade: 7 },
  { slug: KIMI_26, date: '2026-06-21', tokens: 443_066_218_431n, fade: 7 },
  { slug: 'minimax/minimax-m3', date: '2026-06-21', tokens: 256_480_119_736n, fade: 7 },
  { slug: 'google/gemini-3-flash-preview-20251217', date: '2026-06-21', tokens: 241_359_002_817n, fade: 7 },
  { slug: 'z-ai/glm-5.1-20260406', date: '2026-06-21', tokens: 201_204_775_390n, fade: 7 },
  { slug: `${DS_FLASH}:free`, date: '2026-06-21', tokens: 200_381_446_025n, fade: 7 },
  { slug: 'anthropic/claude-4.7-opus-20260416', date: '2026-06-21', tokens: 177_093_668_514n, fade: 7 },
  // The final week (what the demo replays). Every other model keeps its natural figures, so
  // nothing before 11-16 moves. 11-16: a top-ten debut (#9). 11-17: #2, past 500B. 11-18: #1 with
  // 872B, kept low enough that the platform (about 5.82T) stays under the 2026-09-30 record
  // (5.89T). 11-19: 2.06T, the first 2T day, beating the real 1.57T model record (2026-04-04) and
  // lifting the platform to about 6.97T, the biggest day. 11-20: 1.87T, still #1 (a 3-day streak)
  // but below 11-19, so neither record moves again.
  { slug: GEMINI_4, date: '2026-11-16', tokens: 192_417_360_528n, fade: 0 },
  { slug: GEMINI_4, date: '2026-11-17', tokens: 563_904_127_385n, fade: 0 },
  { slug: GEMINI_4, date: '2026-11-18', tokens: 871_652_480_913n, fade: 0 },
  { slug: GEMINI_4, date: '2026-11-19', tokens: 2_061_384_905_217n, fade: 0 },
  { slug: GEMINI_4, date: '2026-11-20', tokens: 1_874_260_139_642n, fade: 0 },
];

/** Weekly sums to hit (approximately: the whole week is scaled by one factor). */
const WEEK_TARGETS: readonly { slug: string; monday: string; tokens: number }[] = [
  // ISO week 2026-W21: DeepSeek V4 Flash 3.43T, in the middle of its weekly reign.
  { slug: DS_FLASH, monday: '2026-05-18', tokens: 3.43e12 },
  // Its reign starts the week after the record ends (Hy3 Preview's free tier led 04-27 and 05-04).
  { slug: DS_FLASH, monday: '2026-05-11', tokens: 2.9e12 },
];

/**
 * Days where the model at `rank` and the one below it get exactly equal tokens (the lower one is
 * raised). Rank 1 on 2025-05-25: Claude Sonnet 4 draws level with Claude 3.7 Sonnet, which keeps
 * the lead on the tie-break (its slug sorts first) for one last day before Sonnet 4 takes over.
 */
const TIES: readonly { date: string; rank: number }[] = [
  { date: '2025-05-25', rank: 1 },
  { date: '2025-10-19', rank: 5 },
  { date: '2026-07-12', rank: 7 },
  { date: '2026-08-23', rank: 4 },
];

// ---------------------------------------------------------------------------------------------
// Natural series: what each model would do without pins.

/** Geometric interpolation between anchors: growth and decay look exponential, as usage does. */
function levelAt(anchors: readonly Anchor[], i: number): number {
  const first = dayIndex(anchors[0][0]);
  if (i < first) return 0;
  for (let k = 0; k + 1 < anchors.length; k++) {
    const a = dayIndex(anchors[k][0]);
    const b = dayIndex(anchors[k + 1][0]);
    if (i <= b) return anchors[k][1] * Math.pow(anchors[k + 1][1] / anchors[k][1], (i - a) / (b - a));
  }
  return anchors[anchors.length - 1][1];
}

function isLive(m: ModelDef, i: number): boolean {
  return i >= dayIndex(m.launch) && (m.end === undefined || i <= dayIndex(m.end));
}

/** Absolute tokens per day for a headline model. Noise is smaller than the tail's: big models are steadier. */
function headlineSeries(m: ModelDef): Float64Array {
  const noise = noiseSeries(m.slug, 0.03);
  const out = new Float64Array(N_DAYS);
  for (let i = 0; i < N_DAYS; i++) {
    if (!isLive(m, i)) continue;
    out[i] = levelAt(m.levels!, i) * BILLION * WEEKDAY[m.kind][weekday(i)] * noise[i];
  }
  return out;
}

/** A background model's pull: ramp over its first week, plateau, then halve every `halfLife` days. */
function backgroundWeight(m: ModelDef, i: number): number {
  const age = i - dayIndex(m.launch);
  const ramp = Math.min(1, (age + 1) / 6);
  const decayStart = dayIndex(m.decayFrom ?? dateOf(dayIndex(m.launch) + 75));
  const decay = i <= decayStart ? 1 : Math.pow(0.5, (i - decayStart) / (m.halfLife ?? 120));
  return m.weight! * ramp * decay;
}

/** Splits the background pool among the live background models by weight, each with its own noise. */
function backgroundSeries(models: readonly ModelDef[]): Map<string, Float64Array> {
  const out = new Map(models.map((m) => [m.slug, new Float64Array(N_DAYS)]));
  const noise = new Map(models.map((m) => [m.slug, noiseSeries(m.slug, 0.06)]));
  for (let i = 0; i < N_DAYS; i++) {
    const wd = weekday(i);
    const pull = models.map((m) =>
      isLive(m, i) ? backgroundWeight(m, i) * (WEEKDAY[m.kind][wd] / WEEKDAY.chat[wd]) * noise.get(m.slug)![i] : 0);
    const total = pull.reduce((a, b) => a + b, 0);
    const pool = levelAt(BACKGROUND_POOL, i) * BILLION * WEEKDAY.chat[wd];
    models.forEach((m, k) => { out.get(m.slug)![i] = total > 0 ? (pool * pull[k]) / total : 0; });
  }
  return out;
}

function naturalSeries(): Map<string, Float64Array> {
  const series = new Map<string, Float64Array>();
  for (const m of [...HEADLINE, ...REAL_MODELS]) series.set(m.slug, headlineSeries(m));
  for (const [slug, s] of backgroundSeries(BACKGROUND)) series.set(slug, s);
  return series;
}

// ---------------------------------------------------------------------------------------------
// Corrections: pins and week targets become ratio anchors; the ratio fades to 1 away from them.

interface RatioAnchor {
  readonly i: number;
  readonly ratio: number;
  readonly fade: number;
}

function ratioAnchors(series: Map<string, Float64Array>): Map<string, RatioAnchor[]> {
  const out = new Map<string, RatioAnchor[]>();
  const add = (slug: string, a: RatioAnchor) => out.set(slug, [...(out.get(slug) ?? []), a]);
  for (const p of PINS) {
    const i = dayIndex(p.date);
    const natural = series.get(p.slug)?.[i] ?? 0;
    if (!(natural > 0)) throw new Error(`pin ${p.slug} on ${p.date}: the model has no traffic that day`);
    add(p.slug, { i, ratio: Number(p.tokens) / natural, fade: p.fade });
  }
  for (const w of WEEK_TARGETS) {
    const monday = dayIndex(w.monday);
    const s = series.get(w.slug)!;
    let sum = 0;
    for (let d = 0; d < 7; d++) sum += s[monday + d];
    for (let d = 0; d < 7; d++) add(w.slug, { i: monday + d, ratio: w.tokens / sum, fade: 7 });
  }
  for (const list of out.values()) list.sort((a, b) => a.i - b.i);
  return out;
}

/** Between two close anchors the ratio is interpolated; elsewhere the nearest anchor's ratio fades out. */
function correctionAt(anchors: readonly RatioAnchor[], i: number): number {
  const next = anchors.findIndex((a) => a.i >= i);
  const after = next === -1 ? undefined : anchors[next];
  const before = next === -1 ? anchors[anchors.length - 1] : next > 0 ? anchors[next - 1] : undefined;
  if (after?.i === i) return after.ratio;
  if (before && after && after.i - before.i <= 7) {
    const t = (i - before.i) / (after.i - before.i);
    return before.ratio + (after.ratio - before.ratio) * t;
  }
  const fadeFrom = (a: RatioAnchor | undefined) => (a ? Math.max(0, 1 - Math.abs(i - a.i) / (a.fade + 1)) : 0);
  const wb = fadeFrom(before);
  const wa = fadeFrom(after);
  const nearest = wb >= wa ? before : after;
  const w = Math.max(wb, wa);
  return nearest ? 1 + (nearest.ratio - 1) * w : 1;
}

function applyCorrections(series: Map<string, Float64Array>): void {
  for (const [slug, anchors] of ratioAnchors(series)) {
    const s = series.get(slug)!;
    for (let i = 0; i < N_DAYS; i++) if (s[i] > 0) s[i] *= correctionAt(anchors, i);
  }
}

// ---------------------------------------------------------------------------------------------
// Days: exact integers, pins, ties, the top 50 and `other`.

interface Row {
  readonly date: string;
  readonly model_permaslug: string;
  readonly total_tokens: string;
}

interface Entry {
  slug: string;
  tokens: bigint;
}

/** Chart order: tokens descending, ties to the slug that sorts first (plain code-unit order). */
function byChartOrder(a: Entry, b: Entry): number {
  if (a.tokens !== b.tokens) return a.tokens > b.tokens ? -1 : 1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

function dayEntries(series: Map<string, Float64Array>, i: number): Entry[] {
  const date = dateOf(i);
  const entries: Entry[] = [];
  for (const [slug, s] of series) {
    const pin = PINS.find((p) => p.slug === slug && p.date === date);
    const tokens = pin ? pin.tokens : BigInt(Math.round(s[i]));
    if (tokens > 0n) entries.push({ slug, tokens });
  }
  entries.sort(byChartOrder);
  for (const tie of TIES.filter((t) => t.date === date)) entries[tie.rank].tokens = entries[tie.rank - 1].tokens;
  return entries.sort(byChartOrder);
}

/**
 * The day as the API sends it: top 50, then `other`. `other` is drawn as 5.5-7.5% of the day (the
 * real chart's range) but never less than the modelled models below rank 50 plus a thin unmodelled
 * tail, since it must contain them.
 */
function dayRows(series: Map<string, Float64Array>, i: number, tailRng: () => number): Row[] {
  const date = dateOf(i);
  const entries = dayEntries(series, i);
  const top = entries.slice(0, TOP_N);
  const topSum = top.reduce((sum, e) => sum + e.tokens, 0n);
  const hidden = entries.slice(TOP_N).reduce((sum, e) => sum + e.tokens, 0n);
  const share = 0.055 + 0.02 * tailRng();
  const drawn = BigInt(Math.round((Number(topSum) * share) / (1 - share)));
  const floor = hidden + topSum / 100n;
  const rows: Row[] = top.map((e) => ({ date, model_permaslug: e.slug, total_tokens: e.tokens.toString() }));
  rows.push({ date, model_permaslug: 'other', total_tokens: (drawn > floor ? drawn : floor).toString() });
  return rows;
}

const REAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'openrouter-real');

function buildRankings(): Row[] {
  const record = readRealRecord(REAL_DIR);
  const series = naturalSeries();
  const unknown = [...recordSlugs(record)].filter((slug) => !series.has(slug));
  if (unknown.length > 0) throw new Error(`the record names models the generator does not have: ${unknown.join(', ')}`);
  const calendar = { nDays: N_DAYS, dayIndex, uniform: (label: string) => streamFor(label)() };
  trackRecord(series, record, calendar);
  applyCorrections(series);
  for (const problem of pinRecord(series, record, calendar)) console.log(`record: ${problem}`);
  const tailRng = streamFor('other');
  const rows: Row[] = [];
  for (let i = 0; i < N_DAYS; i++) {
    const dayRowsToday = dayRows(series, i, tailRng);
    // The outage day is still simulated (so the noise streams do not shift), just not published.
    if (dateOf(i) !== GAP_DAY) rows.push(...dayRowsToday);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Catalogue: GET /models rows for every model with a catalogue entry, plus two router aliases.

interface CatalogueRow {
  readonly id: string;
  readonly canonical_slug: string;
  readonly name: string;
  readonly created: number;
}

function createdOf(date: string): number {
  return (EPOCH_MS + dayIndex(date) * DAY_MS) / 1000;
}

function buildCatalogue(): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const m of [...HEADLINE, ...REAL_MODELS, ...BACKGROUND]) {
    if (m.id === undefined || m.name === undefined) continue;
    rows.push({ id: m.id, canonical_slug: m.slug.replace(/:.*$/, ''), name: m.name, created: createdOf(m.launch) });
  }
  for (const c of CATALOGUE_ONLY) rows.push({ id: c.id, canonical_slug: c.slug, name: c.name, created: createdOf(c.launch) });
  // Router aliases (`~…`) point at whatever model is current; the app must skip them, not index them.
  const alias = (id: string, target: string, name: string) => {
    const t = rows.find((r) => r.canonical_slug === target)!;
    rows.push({ id, canonical_slug: t.canonical_slug, name, created: t.created });
  };
  alias('~anthropic/claude-sonnet-latest', 'anthropic/claude-5-sonnet-20260922', 'Anthropic: Claude Sonnet Latest');
  alias('~google/gemini-flash-latest', 'google/gemini-3.5-flash-20260609', 'Google: Gemini Flash Latest');
  // Newest first, as the API lists them; equal dates by id descending, which puts `qwen/qwen3.6-plus:free`
  // ahead of `qwen/qwen3.6-plus` (a reader that keeps the first row it sees gets the wrong one).
  return rows.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Output: valid JSON with one row per line, so a regenerated sample diffs readably.

function jsonWithRowLines(rows: readonly object[], tail: string): string {
  return `{"data":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]${tail}}\n`;
}

function main(): void {
  const rankings = buildRankings();
  const meta = { as_of: AS_OF, version: 'v1', start_date: FIRST_DAY, end_date: LAST_DAY };
  const catalogue = buildCatalogue();
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'rankings-daily.json'), jsonWithRowLines(rankings, `,"meta":${JSON.stringify(meta)}`));
  writeFileSync(join(OUT_DIR, 'models.json'), jsonWithRowLines(catalogue, ''));
  const models = new Set(rankings.map((r) => r.model_permaslug)).size - 1;
  console.log(`wrote ${rankings.length} rows (${models} models) and ${catalogue.length} catalogue rows to ${OUT_DIR}`);
}

main();
