// The real record the bundled sample must agree with (test/fixtures/openrouter-real/, copied from
// ../shared/data/openrouter-real/ with its PROVENANCE.csv), and the steps that bend the generator's
// made-up series onto it. Used only by scripts/make-sample.ts, at generation time.
//
// What "agree" means (checked by test/sample-real.test.ts):
// - every day of daily-top10.csv: the sample's top 10 is those models in that order with exactly those
//   figures. The real file adds a model's `:free` and paid variants together, so inside the daily
//   window (2026-03-30..04-27) the sample has one row per model, under the file's slug;
// - every week of weekly-top10.csv: the same models in the same order, totals exact or equal to 3
//   significant figures (the `precision` column). In the four weeks inside the daily window a `:free`
//   key stands for the merged slug; elsewhere the keys are used as they are.
// The three days missing from the daily file (04-12, 04-15, 04-23) take the derived partial figures
// of daily-gapfill-derived.csv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DayFigure {
  readonly slug: string;
  readonly tokens: number;
}

export interface WeekRow extends DayFigure {
  /** The key as the weekly file has it (`…:free` where `slug` is the merged one). */
  readonly key: string;
  readonly exact: boolean;
}

export interface RealRecord {
  /** daily-top10.csv, rank order. */
  readonly days: ReadonlyMap<string, readonly DayFigure[]>;
  /** daily-gapfill-derived.csv: partial, derived. */
  readonly gapDays: ReadonlyMap<string, readonly DayFigure[]>;
  readonly weeks: readonly { readonly monday: string; readonly rows: readonly WeekRow[] }[];
}

export const DAILY_WINDOW = { first: '2026-03-30', last: '2026-04-27' } as const;

function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(cols.map((c, k) => [c, cells[k] ?? '']));
  });
}

function addDay(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Weeks whose seven days all lie in the daily window: there a weekly `:free` key is the merged slug. */
export function mergesFree(monday: string): boolean {
  return monday >= DAILY_WINDOW.first && addDay(monday, 6) <= DAILY_WINDOW.last;
}

export function readRealRecord(dir: string): RealRecord {
  const group = (rows: Record<string, string>[], key: string, tokens: string) => {
    const out = new Map<string, DayFigure[]>();
    for (const r of rows) out.set(r[key], [...(out.get(r[key]) ?? []), { slug: r.model_permaslug, tokens: Number(r[tokens]) }]);
    return out;
  };
  const daily = csv(join(dir, 'daily-top10.csv')).sort((a, b) => (a.date + a.rank.padStart(2, '0') < b.date + b.rank.padStart(2, '0') ? -1 : 1));
  const weekly = csv(join(dir, 'weekly-top10.csv'));
  const weeks = new Map<string, WeekRow[]>();
  for (const r of weekly.sort((a, b) => a.week_start.localeCompare(b.week_start) || Number(a.rank) - Number(b.rank))) {
    const key = r.model_permaslug;
    const slug = mergesFree(r.week_start) ? key.replace(/:free$/, '') : key;
    const row: WeekRow = { slug, key, tokens: Number(r.total_tokens), exact: r.precision.startsWith('exact') };
    weeks.set(r.week_start, [...(weeks.get(r.week_start) ?? []), row]);
  }
  return {
    days: group(daily, 'date', 'total_tokens'),
    gapDays: group(csv(join(dir, 'daily-gapfill-derived.csv')), 'date', 'total_tokens_derived'),
    weeks: [...weeks].map(([monday, rows]) => ({ monday, rows })),
  };
}

/** Every slug the record names (merged where it merges): each needs a model in the generator. */
export function recordSlugs(record: RealRecord): Set<string> {
  const out = new Set<string>();
  for (const list of [...record.days.values(), ...record.gapDays.values()]) for (const f of list) out.add(f.slug);
  for (const w of record.weeks) for (const r of w.rows) out.add(r.slug);
  return out;
}

/** The half-open interval a published total stands for: exact, or its 3 significant figures. */
export function interval(row: WeekRow): [lo: number, hi: number] {
  if (row.exact) return [row.tokens, row.tokens + 1];
  const unit = 10 ** (String(Math.round(row.tokens)).length - 3);
  return [row.tokens - unit / 2, row.tokens + unit / 2];
}

export interface Calendar {
  readonly nDays: number;
  dayIndex(date: string): number;
  /** A deterministic uniform in [0, 1) for a label. */
  uniform(label: string): number;
}

type Series = Map<string, Float64Array>;

/**
 * Step 1, before the story pins: multiplies each recorded model's made-up series by a ratio that
 * passes through real/natural at every recorded day and week (geometric in between) and fades back to
 * 1 over 28 days outside, so the curves meet the record without a jump.
 */
export function trackRecord(series: Series, record: RealRecord, cal: Calendar): void {
  const anchors = new Map<string, { i: number; ratio: number }[]>();
  const add = (slug: string, i: number, real: number, natural: number) => {
    if (natural > 0 && real > 0) anchors.set(slug, [...(anchors.get(slug) ?? []), { i, ratio: real / natural }]);
  };
  for (const [date, list] of [...record.days, ...record.gapDays]) {
    const i = cal.dayIndex(date);
    for (const f of list) add(f.slug, i, f.tokens, series.get(f.slug)?.[i] ?? 0);
  }
  for (const w of record.weeks) {
    const monday = cal.dayIndex(w.monday);
    for (const r of w.rows) {
      const s = series.get(r.slug);
      if (!s) continue;
      let sum = 0;
      for (let d = 0; d < 7; d++) sum += s[monday + d];
      add(r.slug, monday + 3, r.tokens, sum);
    }
  }
  const FADE = 28;
  for (const [slug, list] of anchors) {
    list.sort((a, b) => a.i - b.i);
    const s = series.get(slug)!;
    const first = list[0];
    const last = list[list.length - 1];
    for (let i = Math.max(0, first.i - FADE); i <= Math.min(cal.nDays - 1, last.i + FADE); i++) {
      if (!(s[i] > 0)) continue;
      let logRatio: number;
      if (i <= first.i) logRatio = Math.log(first.ratio) * (1 - (first.i - i) / (FADE + 1));
      else if (i >= last.i) logRatio = Math.log(last.ratio) * (1 - (i - last.i) / (FADE + 1));
      else {
        const k = list.findIndex((a) => a.i >= i);
        const [a, b] = [list[k - 1], list[k]];
        const t = (i - a.i) / (b.i - a.i);
        logRatio = Math.log(a.ratio) * (1 - t) + Math.log(b.ratio) * t;
      }
      s[i] *= Math.exp(logRatio);
    }
  }
}

/** Shares `amount` over days by weight, no day above its cap (water filling). */
function fill(amount: number, days: { i: number; w: number; cap: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  let open = days.filter((d) => d.cap > 0 && d.w > 0);
  let left = amount;
  while (open.length > 0 && left > 0) {
    const total = open.reduce((a, d) => a + d.w, 0);
    const over = open.filter((d) => (left * d.w) / total >= d.cap);
    if (over.length === 0) {
      for (const d of open) out.set(d.i, (left * d.w) / total);
      return out;
    }
    for (const d of over) { out.set(d.i, d.cap); left -= d.cap; }
    open = open.filter((d) => !over.includes(d));
  }
  return out;
}

/** In the daily window the record has one row per model: a `:free` variant is added to its base. */
function mergeVariants(series: Series, cal: Calendar): void {
  for (const [slug, free] of series) {
    const base = series.get(slug.replace(/:free$/, ''));
    if (!slug.endsWith(':free') || !base) continue;
    for (let i = cal.dayIndex(DAILY_WINDOW.first); i <= cal.dayIndex(DAILY_WINDOW.last); i++) {
      if (free[i] > 0 && base[i] > 0) { base[i] += free[i]; free[i] = 0; }
    }
  }
}

/**
 * Step 2, last: the record's figures exactly. Returns what could not be met (the record itself
 * disagrees there), for the generator to print.
 */
export function pinRecord(series: Series, record: RealRecord, cal: Calendar): string[] {
  const problems: string[] = [];
  mergeVariants(series, cal);
  const fixed = new Set<string>();
  const caps = new Map<number, number>();
  // Days: the file's figures; every other model below the day's #10.
  for (const [date, list] of [...record.days, ...record.gapDays]) {
    const i = cal.dayIndex(date);
    for (const f of list) {
      const s = series.get(f.slug);
      if (!s || !(s[i] > 0)) { problems.push(`${date}: ${f.slug} has no model live that day`); continue; }
      s[i] = f.tokens;
      fixed.add(`${f.slug}@${i}`);
    }
    if (!record.days.has(date)) continue;
    const cap = list[list.length - 1].tokens;
    caps.set(i, cap);
    for (const [slug, s] of series) {
      if (fixed.has(`${slug}@${i}`) || s[i] < cap * 0.97) continue;
      s[i] = cap * (0.6 + 0.35 * cal.uniform(`${slug}@${date}`));
    }
  }
  const capOf = (slug: string, i: number) => caps.get(i) ?? Infinity;
  /** The day's #50 now: a figure below it is not published, so it would not count in the week. */
  const floorOf = (i: number) => [...series.values()].map((s) => s[i]).sort((a, b) => b - a)[49] ?? 0;
  // Weeks: listed models get their total spread over their free days; the rest stay below #last.
  for (const w of record.weeks) {
    const monday = cal.dayIndex(w.monday);
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => monday + d);
    let ceiling = Infinity;
    w.rows.forEach((row, k) => {
      const s = series.get(row.slug);
      if (!s) { problems.push(`${w.monday}: ${row.slug} has no model`); return; }
      const [lo, hi] = interval(row);
      const same = w.rows.filter((r) => r.tokens === row.tokens);
      const j = same.indexOf(row);
      const offset = row.exact || same.length === 1 ? 0 : (hi - lo) * (0.25 - (0.5 * j) / (same.length - 1));
      const isFixed = (i: number) => fixed.has(`${row.slug}@${i}`);
      const pinned = days.filter(isFixed).reduce((a, i) => a + s[i], 0);
      const free = days.filter((i) => !isFixed(i) && s[i] > 0).map((i) => ({ i, w: s[i], cap: capOf(row.slug, i) * 0.97 }));
      const room = free.reduce((a, d) => a + d.cap, 0);
      let target = Math.min(row.tokens + offset, ceiling - (hi - lo) / 100);
      target = Math.max(pinned, Math.min(target, pinned + room));
      if (target < lo || target >= hi || target >= ceiling) problems.push(`${w.monday} #${k + 1} ${row.key}: ${(target / 1e12).toFixed(4)}T against ${(row.tokens / 1e12).toFixed(4)}T (the days on file already give ${(pinned / 1e12).toFixed(4)}T)`);
      ceiling = target;
      for (const d of free) s[d.i] = 0;
      let spread = free;
      let shares = fill(target - pinned, spread);
      for (let round = 0; round < 7; round++) {
        const low = spread.filter((d) => (shares.get(d.i) ?? 0) < floorOf(d.i) * 2);
        if (low.length === 0 || spread.length === 1) break;
        // Drop the low days (all but the heaviest when every day is low) and share again.
        const heaviest = [...spread].sort((x, y) => y.w - x.w)[0];
        spread = low.length === spread.length ? [heaviest] : spread.filter((d) => !low.includes(d));
        shares = fill(target - pinned, spread);
      }
      for (const [i, v] of shares) s[i] = v;
      // Whole tokens, the week's sum exact: the rounding error goes to the biggest free day.
      for (const i of days) if (!isFixed(i)) s[i] = Math.round(s[i]);
      const sum = days.reduce((a, i) => a + s[i], 0);
      const biggest = free.sort((a, b) => s[b.i] - s[a.i])[0];
      if (biggest && row.exact) s[biggest.i] += row.tokens - sum;
    });
    const listed = new Set(w.rows.map((r) => r.slug));
    const limit = ceiling;
    for (const [slug, s] of series) {
      if (listed.has(slug)) continue;
      const isFixed = (i: number) => fixed.has(`${slug}@${i}`);
      const pinned = days.filter(isFixed).reduce((a, i) => a + s[i], 0);
      const loose = days.filter((i) => !isFixed(i)).reduce((a, i) => a + s[i], 0);
      let want = limit * (0.8 + 0.15 * cal.uniform(`${slug}@${w.monday}`));
      if (pinned + loose <= want) continue;
      if (want < pinned) want = pinned + Math.max(0, limit - pinned) * 0.3;
      if (pinned >= limit) problems.push(`${w.monday}: ${slug} has ${(pinned / 1e12).toFixed(4)}T on file days, above the week's #${w.rows.length}`);
      const f = loose > 0 ? (want - pinned) / loose : 0;
      for (const i of days) if (!isFixed(i)) s[i] = Math.round(s[i] * f);
    }
  }
  return problems;
}
