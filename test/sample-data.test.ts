// The bundled sample (data/sample/*.json, written by scripts/make-sample.ts): it must be exactly the
// shape OpenRouter sends, and it must contain the stories the demo and the docs rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Row {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}
interface CatalogueRow {
  id: string;
  canonical_slug: string;
  name: string;
  created: number;
}

const rankingsText = readFileSync(new URL('../data/sample/rankings-daily.json', import.meta.url), 'utf8');
const rankings = JSON.parse(rankingsText) as { data: Row[]; meta: Record<string, string> };
const catalogue = (JSON.parse(readFileSync(new URL('../data/sample/models.json', import.meta.url), 'utf8')) as { data: CatalogueRow[] }).data;

const FIRST = '2025-01-01';
const LAST = '2026-11-20';
const GAP = '2025-08-14';
const T = 10n ** 12n;
const B = 10n ** 9n;
const QWEN = 'qwen/qwen3.6-plus-04-02';
const DS_FLASH = 'deepseek/deepseek-v4-flash-20260423';
const SONNET_5 = 'anthropic/claude-5-sonnet-20260922';
const GEMINI_4 = 'google/gemini-4-pro-preview-20261116';

// ---- helpers -------------------------------------------------------------------------------

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

const tokens = (r: Row) => BigInt(r.total_tokens);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byDay = new Map<string, Row[]>();
for (const r of rankings.data) byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);

/** A day's model rows (no `other`), in file order, which must be chart order. */
const models = (date: string): Row[] => (byDay.get(date) ?? []).filter((r) => r.model_permaslug !== 'other');
const leader = (date: string): string | undefined => models(date)[0]?.model_permaslug;
const dayTotal = (date: string): bigint => (byDay.get(date) ?? []).reduce((s, r) => s + tokens(r), 0n);
const valueOn = (date: string, slug: string): bigint | undefined => {
  const r = models(date).find((m) => m.model_permaslug === slug);
  return r ? tokens(r) : undefined;
};

function allDays(): string[] {
  const out: string[] = [];
  for (let d = FIRST; d <= LAST; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Weekly sums per model (missing days count 0) and the platform total, `other` in the total only. */
function week(monday: string): { sums: Map<string, bigint>; platform: bigint } {
  const sums = new Map<string, bigint>();
  let platform = 0n;
  for (let k = 0; k < 7; k++) {
    const date = addDays(monday, k);
    platform += dayTotal(date);
    for (const r of models(date)) sums.set(r.model_permaslug, (sums.get(r.model_permaslug) ?? 0n) + tokens(r));
  }
  return { sums, platform };
}

function weeklyLeader(monday: string): [string, bigint] {
  const ranked = [...week(monday).sums].sort((a, b) => (a[1] !== b[1] ? (a[1] > b[1] ? -1 : 1) : cmp(a[0], b[0])));
  return ranked[0];
}

/** Mondays of the ISO weeks that count: Monday not before the first day, Sunday not after the last. */
function fullWeeks(): string[] {
  const out: string[] = [];
  let monday = FIRST;
  while (weekdayOf(monday) !== 0) monday = addDays(monday, 1);
  for (; addDays(monday, 6) <= LAST; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

function approx(value: bigint, target: bigint, tolerance: bigint): boolean {
  const diff = value > target ? value - target : target - value;
  return diff <= tolerance;
}

// ---- the response shape --------------------------------------------------------------------

describe('rankings-daily sample: shape', () => {
  it('has the meta of a full-history answer', () => {
    expect(rankings.meta).toEqual({ as_of: '2026-11-21T03:00:00.000Z', version: 'v1', start_date: FIRST, end_date: LAST });
  });

  it('has rows of exactly date, model_permaslug and a digit-string total_tokens', () => {
    const bad = rankings.data.find(
      (r) =>
        Object.keys(r).join() !== 'date,model_permaslug,total_tokens' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(r.date) ||
        typeof r.total_tokens !== 'string' ||
        !/^\d+$/.test(r.total_tokens) ||
        r.model_permaslug.length === 0,
    );
    expect(bad).toBeUndefined();
  });

  it('writes one row per line', () => {
    const lines = rankingsText.trimEnd().split('\n');
    expect(lines[0]).toBe('{"data":[');
    expect(lines).toHaveLength(rankings.data.length + 2);
    expect(lines.slice(1, -1).every((l) => l.startsWith('{"date":"'))).toBe(true);
  });

  it('covers every day of 2025-01-01..2026-11-20 but the gap day, sorted by date', () => {
    const dates = rankings.data.map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
    expect([...byDay.keys()]).toEqual(allDays().filter((d) => d !== GAP));
    expect(byDay.has(GAP)).toBe(false);
  });

  it('has per day at most 50 positive model rows in chart order, no duplicates, and one `other` last', () => {
    for (const [date, rows] of byDay) {
      const others = rows.filter((r) => r.model_permaslug === 'other');
      expect(others, date).toHaveLength(1);
      expect(rows.at(-1)!.model_permaslug, date).toBe('other');
      const ms = models(date);
      expect(ms.length, date).toBeLessThanOrEqual(50);
      expect(ms.length, date).toBeGreaterThanOrEqual(40);
      expect(new Set(ms.map((r) => r.model_permaslug)).size, date).toBe(ms.length);
      for (let k = 0; k < ms.length; k++) {
        expect(tokens(ms[k]) > 0n, date).toBe(true);
        if (k === 0) continue;
        const [a, b] = [ms[k - 1], ms[k]];
        const ordered = tokens(a) > tokens(b) || (tokens(a) === tokens(b) && cmp(a.model_permaslug, b.model_permaslug) < 0);
        expect(ordered, `${date}: ${a.model_permaslug} before ${b.model_permaslug}`).toBe(true);
      }
    }
  });

  it('keeps `other` at 5-8% of each day and at least as big as the 50th model', () => {
    for (const date of byDay.keys()) {
      const other = tokens(byDay.get(date)!.at(-1)!);
      const share = Number((other * 10_000n) / dayTotal(date)) / 100;
      expect(share, date).toBeGreaterThanOrEqual(5);
      expect(share, date).toBeLessThanOrEqual(8);
      expect(other >= tokens(models(date).at(-1)!), date).toBe(true);
    }
  });
});

// ---- the stories ---------------------------------------------------------------------------

// The spring of 2026 is the real record (test/sample-real.test.ts checks every figure); these are
// the facts the demo and the docs lean on.
describe('rankings-daily sample: the Qwen3.6 Plus launch (real figures)', () => {
  it('passes one trillion for the first time on 2026-04-03, with exactly 1414068737321 tokens', () => {
    expect(valueOn('2026-04-03', QWEN)).toBe(1_414_068_737_321n);
    expect(leader('2026-04-03')).toBe(QWEN);
    for (const r of rankings.data) {
      if (r.date < '2026-04-03' && r.model_permaslug !== 'other') expect(tokens(r) < T, `${r.date} ${r.model_permaslug}`).toBe(true);
    }
  });

  it('launches on 2026-04-02, when MiMo-V2-Pro leads, and has no separate free variant', () => {
    expect(rankings.data.find((r) => r.model_permaslug === QWEN)?.date).toBe('2026-04-02');
    expect(leader('2026-04-02')).toBe('xiaomi/mimo-v2-pro-20260318');
    expect(rankings.data.some((r) => r.model_permaslug === `${QWEN}:free`)).toBe(false);
  });

  it('leads the daily chart for exactly 5 days, 2026-04-03..04-07, its best 1571944155326 on 04-04', () => {
    for (let d = '2026-04-03'; d <= '2026-04-07'; d = addDays(d, 1)) expect(leader(d), d).toBe(QWEN);
    expect(leader('2026-04-08')).not.toBe(QWEN);
    expect(valueOn('2026-04-04', QWEN)).toBe(1_571_944_155_326n);
  });

  it('leads ISO week 2026-W14 with 4.6025T (the record shows 4.60T), the platform near 30.4T', () => {
    expect(weeklyLeader('2026-03-30')).toEqual([QWEN, 4_602_505_412_335n]);
    expect(approx(week('2026-03-30').platform, 30_400n * B, 300n * B)).toBe(true);
  });
});

describe('rankings-daily sample: the DeepSeek V4 Flash reign', () => {
  it('first appears on 2026-04-23', () => {
    expect(rankings.data.find((r) => r.model_permaslug === DS_FLASH)?.date).toBe('2026-04-23');
  });

  it('leads ISO week 2026-W21 with about 3.43T of a platform near 31T', () => {
    const [slug, sum] = weeklyLeader('2026-05-18');
    expect(slug).toBe(DS_FLASH);
    expect(approx(sum, 3_430n * B, 10n * B)).toBe(true);
    expect(approx(week('2026-05-18').platform, 31_000n * B, 300n * B)).toBe(true);
  });

  // The record gives 2026-W18 and W19 to Hy3 Preview's free tier, so the reign starts in W20; at 6
  // weeks it outlasts the real 5-week reigns of that winter (Grok Code Fast 1, MiniMax M2.5).
  it('leads 6 consecutive ISO weeks, 2026-W20..W25', () => {
    const weeks = fullWeeks();
    let k = weeks.indexOf('2026-05-18');
    while (k > 0 && weeklyLeader(weeks[k - 1])[0] === DS_FLASH) k--;
    let run = 0;
    while (k + run < weeks.length && weeklyLeader(weeks[k + run])[0] === DS_FLASH) run++;
    expect(run).toBe(6);
    expect(weeks[k]).toBe('2026-05-11');
  });
});

describe('rankings-daily sample: other stories', () => {
  it('has a daily reign of 30+ consecutive days in 2025 that ends with a new leader', () => {
    let best = { slug: '', days: 0, nextLeader: '' };
    let run = 1;
    const days = [...byDay.keys()].filter((d) => d <= '2025-12-31');
    for (let k = 1; k <= days.length; k++) {
      const same = k < days.length && days[k] === addDays(days[k - 1], 1) && leader(days[k]) === leader(days[k - 1]);
      if (same) { run++; continue; }
      const next = k < days.length && days[k] === addDays(days[k - 1], 1) ? leader(days[k])! : '';
      if (next && run > best.days) best = { slug: leader(days[k - 1])!, days: run, nextLeader: next };
      run = 1;
    }
    expect(best.days).toBeGreaterThanOrEqual(30);
    expect(best.nextLeader).not.toBe(best.slug);
  });

  it('has a day where the top two are tied, the leader being the slug that sorts first', () => {
    const tied = [...byDay.keys()].filter((d) => tokens(models(d)[0]) === tokens(models(d)[1]));
    expect(tied.length).toBeGreaterThanOrEqual(1);
    for (const d of tied) expect(cmp(models(d)[0].model_permaslug, models(d)[1].model_permaslug)).toBe(-1);
  });

  it('has a few days with equal tokens lower in the top 10', () => {
    const tiedBelowTop = (d: string) => {
      const top = models(d).slice(0, 10).map(tokens);
      return top.some((t, k) => k >= 1 && k + 1 < top.length && t === top[k + 1]);
    };
    const days = [...byDay.keys()].filter(tiedBelowTop);
    expect(days.length).toBeGreaterThanOrEqual(2);
  });

  it('reproduces the real top 10 of 2026-06-21', () => {
    const want = [676n, 600n, 461n, 449n, 443n, 256n, 241n, 201n, 200n, 177n].map((b) => b * B);
    const got = models('2026-06-21').slice(0, 10).map(tokens);
    got.forEach((g, k) => expect(approx(g, want[k], B / 2n), `rank ${k + 1}: ${g}`).toBe(true));
    expect(tokens(models('2026-06-21')[10]) < want[9]).toBe(true);
  });

  it('ranks several :free variants as their own entries', () => {
    const free = new Set(rankings.data.map((r) => r.model_permaslug).filter((s) => s.endsWith(':free')));
    expect(free.size).toBeGreaterThanOrEqual(5);
  });

  it('has about 140 distinct models, several top-10 debuts and big rank climbs', () => {
    const slugs = new Set(rankings.data.map((r) => r.model_permaslug));
    slugs.delete('other');
    expect(slugs.size).toBeGreaterThanOrEqual(130);
    expect(slugs.size).toBeLessThanOrEqual(150);
    const days = [...byDay.keys()];
    const inTop10 = new Set<string>();
    let debuts = 0;
    let climbs = 0;
    days.forEach((d, k) => {
      const top = models(d).slice(0, 10).map((r) => r.model_permaslug);
      if (k >= 7) debuts += top.filter((s) => !inTop10.has(s)).length;
      top.forEach((s) => inTop10.add(s));
      if (k === 0 || days[k - 1] !== addDays(d, -1)) return;
      const before = models(days[k - 1]).map((r) => r.model_permaslug);
      models(d).forEach((r, rank) => { const was = before.indexOf(r.model_permaslug); if (was >= 0 && was - rank >= 10) climbs++; });
    });
    expect(debuts).toBeGreaterThanOrEqual(10);
    expect(climbs).toBeGreaterThanOrEqual(5);
  });

  it('grows from about 0.6T a day to about 4T a day, with quieter weekends', () => {
    const avg = (from: string, to: string) => {
      const ds = [...byDay.keys()].filter((d) => d >= from && d <= to);
      return Number(ds.reduce((s, d) => s + dayTotal(d), 0n) / BigInt(ds.length)) / 1e12;
    };
    expect(avg('2025-01-01', '2025-01-31')).toBeGreaterThan(0.5);
    expect(avg('2025-01-01', '2025-01-31')).toBeLessThan(0.7);
    expect(avg('2026-05-01', '2026-05-31')).toBeGreaterThan(3.8);
    expect(avg('2026-05-01', '2026-06-30')).toBeLessThan(4.8);
    expect(avg('2026-07-01', '2026-11-20')).toBeGreaterThan(avg('2026-05-01', '2026-06-30'));
    const weekend = [...byDay.keys()].filter((d) => weekdayOf(d) >= 5);
    const weekdays = [...byDay.keys()].filter((d) => weekdayOf(d) < 5);
    const share = (ds: string[]) => ds.reduce((s, d) => s + Number(dayTotal(d)) / 1e12, 0) / ds.length;
    expect(share(weekend)).toBeLessThan(share(weekdays));
  });
});

// The no-key demo replays the last 5 days live, so they must carry alerts a channel gets by default.
describe('rankings-daily sample: the final week (what the demo replays)', () => {
  const rank = (date: string, slug: string) => models(date).findIndex((r) => r.model_permaslug === slug) + 1;
  const maxModelDayBefore = (date: string) =>
    rankings.data.filter((r) => r.date < date && r.model_permaslug !== 'other').reduce((m, r) => (tokens(r) > m ? tokens(r) : m), 0n);
  const maxPlatformDayBefore = (date: string) => [...byDay.keys()].filter((d) => d < date).reduce((m, d) => (dayTotal(d) > m ? dayTotal(d) : m), 0n);

  it('launches Gemini 4 Pro Preview on 2026-11-16 straight into the top 10 (a debut), #2 on 11-17', () => {
    expect(rankings.data.find((r) => r.model_permaslug === GEMINI_4)?.date).toBe('2026-11-16');
    expect(rank('2026-11-16', GEMINI_4)).toBe(9);
    expect(rank('2026-11-17', GEMINI_4)).toBe(2);
    expect(valueOn('2026-11-17', GEMINI_4)! >= 500n * B).toBe(true);
  });

  it('ends the long Claude Sonnet 5 reign on 2026-11-18 and leads through 11-20 (a 3-day streak)', () => {
    let start = '2026-11-17';
    while (leader(addDays(start, -1)) === SONNET_5) start = addDays(start, -1);
    expect(start).toBe('2026-09-25');
    for (const d of ['2026-11-18', '2026-11-19', '2026-11-20']) expect(leader(d), d).toBe(GEMINI_4);
  });

  it('sets the platform record on 2026-11-19 only, above the 2026-09-30 record', () => {
    const before = maxPlatformDayBefore('2026-11-18');
    expect(before).toBe(dayTotal('2026-09-30'));
    expect(dayTotal('2026-11-18') < before).toBe(true);
    expect(dayTotal('2026-11-19') > before).toBe(true);
    expect(dayTotal('2026-11-20') < dayTotal('2026-11-19')).toBe(true);
  });

  it('makes the first 2T day on 2026-11-19, a model record above the real 1.57T of 2026-04-04', () => {
    expect(maxModelDayBefore('2026-11-19')).toBe(1_571_944_155_326n);
    expect(valueOn('2026-11-18', GEMINI_4)! < 1_571_944_155_326n).toBe(true);
    expect(valueOn('2026-11-19', GEMINI_4)).toBe(2_061_384_905_217n);
    expect(valueOn('2026-11-20', GEMINI_4)! < valueOn('2026-11-19', GEMINI_4)!).toBe(true);
    expect(valueOn('2026-11-20', GEMINI_4)! < 2n * T).toBe(true);
  });

  it('names it in the catalogue', () => {
    expect(catalogue.find((m) => m.canonical_slug === GEMINI_4)).toEqual({
      id: 'google/gemini-4-pro-preview',
      canonical_slug: GEMINI_4,
      name: 'Google: Gemini 4 Pro Preview',
      created: Date.UTC(2026, 10, 16) / 1000,
    });
  });
});

// ---- the catalogue -------------------------------------------------------------------------

describe('models sample', () => {
  const real = catalogue.filter((m) => !m.id.startsWith('~'));
  const bySlug = new Map<string, CatalogueRow>();
  for (const m of real) {
    const seen = bySlug.get(m.canonical_slug);
    if (!seen || (seen.id.includes(':') && !m.id.includes(':'))) bySlug.set(m.canonical_slug, m);
  }

  it('has rows of id, canonical_slug, name and created', () => {
    for (const m of catalogue) {
      expect(Object.keys(m)).toEqual(['id', 'canonical_slug', 'name', 'created']);
      expect(Number.isInteger(m.created)).toBe(true);
    }
  });

  it('has a couple of `~` aliases and one canonical slug shared by a `:free` id and a plain id', () => {
    expect(catalogue.filter((m) => m.id.startsWith('~')).length).toBeGreaterThanOrEqual(2);
    const counts = new Map<string, CatalogueRow[]>();
    for (const m of real) counts.set(m.canonical_slug, [...(counts.get(m.canonical_slug) ?? []), m]);
    const shared = [...counts.values()].filter((rows) => rows.length > 1);
    expect(shared).toHaveLength(1);
    expect(shared[0].map((m) => m.id).sort()).toEqual(['qwen/qwen3.6-plus', 'qwen/qwen3.6-plus:free']);
  });

  it('resolves the spec examples', () => {
    expect(bySlug.get('anthropic/claude-4.6-sonnet-20260217')?.id).toBe('anthropic/claude-sonnet-4.6');
    expect(bySlug.get(QWEN)).toMatchObject({ id: 'qwen/qwen3.6-plus', name: 'Qwen: Qwen3.6 Plus', created: 1775088000 });
    expect(bySlug.get(DS_FLASH)?.id).toBe('deepseek/deepseek-v4-flash');
  });

  it('names every model of the history but the stealth ones, left to the slug fallback', () => {
    const history = new Set(rankings.data.map((r) => r.model_permaslug.replace(/:.*$/, '')));
    history.delete('other');
    const missing = [...history].filter((s) => !bySlug.has(s));
    expect(missing.sort()).toEqual([
      'openrouter/elephant-alpha', 'openrouter/horizon-beta', 'openrouter/hunter-alpha', 'openrouter/optimus-alpha',
      'openrouter/polaris-alpha', 'openrouter/quasar-alpha', 'openrouter/sherlock-think-alpha', 'openrouter/sonoma-sky-alpha',
    ]);
  });
});
