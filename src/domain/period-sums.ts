import type { ChartEntry } from './charts.js';
import type { DayData, History } from './history.js';

/**
 * The running sums behind the weekly, monthly, trending and lab charts, moved one day at a time.
 * Two implementations give the same entries: `NumberSums` adds doubles in typed arrays, which is
 * exact while every sum stays below 2^53 and allocates almost nothing; `BigintSums` adds bigints
 * in maps, exact at any size (bigint-sums.ts). walkCharts picks `NumberSums` when `fitsInDoubles`
 * says every sum of the history is safe, and `BigintSums` otherwise.
 */
export interface PeriodSums {
  /** Moves to the next day (undefined: a day without data); a new week or month starts first. */
  advance(data: DayData | undefined, newWeek: boolean, newMonth: boolean): void;
  /** Today's models, ranked (the daily chart). */
  day(): ChartEntry[];
  /** Today's models folded into their labs, ranked. */
  labDay(): ChartEntry[];
  week(): ChartEntry[];
  labWeek(): ChartEntry[];
  month(): ChartEntry[];
  labMonth(): ChartEntry[];
  /** The tripled trending values above 0, ranked. */
  trending(): ChartEntry[];
  /** Whether the week (month) so far has any model. */
  readonly weekHasModels: boolean;
  readonly monthHasModels: boolean;
  /** The platform totals of the week and the month so far. */
  readonly weekPlatform: bigint;
  readonly monthPlatform: bigint;
}

/**
 * The busiest day a double-precision walk accepts: 2^47 tokens (about 140 trillion, 19 times the
 * sample's busiest day). A month sums at most 31 such days and trending triples at most 7, so
 * every sum stays below 2^52, where doubles hold integers exactly.
 */
const DOUBLE_DAY_LIMIT = 2 ** 47;

/**
 * True when every day's platform total stays within DOUBLE_DAY_LIMIT. The platform total bounds
 * every sum of the day: buildHistory (which makes every History) adds each row to it, and
 * tokens are never negative.
 */
export function fitsInDoubles(history: History): boolean {
  const limit = BigInt(DOUBLE_DAY_LIMIT);
  for (const day of history.days.values()) if (day.platform > limit) return false;
  return true;
}

// Every chart's entries are built by push onto [], never by map or new Array(n): those give holey
// arrays for some lengths and packed ones for others, and the rules' loops over entries, compiled
// for one kind, were thrown away (deoptimised) each time they met the other.

/** Ranks by value descending; ties go to the name that sorts first in plain code-unit order. */
function rankIds(ids: readonly number[], values: Float64Array, names: readonly string[]): ChartEntry[] {
  // Values are exact integers, so equal doubles are equal values; names are unique per id.
  const order = ids.slice().sort((a, b) => values[b] - values[a] || (names[a] < names[b] ? -1 : 1));
  const entries: ChartEntry[] = [];
  for (let i = 0; i < order.length; i++) entries.push({ model: names[order[i]], value: BigInt(values[order[i]]), rank: i + 1 });
  return entries;
}

/** rankIds for one day, whose values come by position (`day.tokens[i]` is model `day.ids[i]`'s). */
function rankDay(day: NumberDay, data: DayData, names: readonly string[]): ChartEntry[] {
  const { ids, tokens } = day;
  // OpenRouter sends each day's rows ranked already: check that in one pass before sorting.
  let ranked = true;
  for (let i = 1; i < ids.length && ranked; i++) ranked = tokens[i - 1] > tokens[i] || (tokens[i - 1] === tokens[i] && names[ids[i - 1]] < names[ids[i]]);
  const order = Array.from(ids.keys());
  if (!ranked) order.sort((a, b) => tokens[b] - tokens[a] || (names[ids[a]] < names[ids[b]] ? -1 : 1));
  const entries: ChartEntry[] = [];
  for (let i = 0; i < order.length; i++) {
    const model = names[ids[order[i]]];
    entries.push({ model, value: data.models.get(model)!, rank: i + 1 }); // the day's own bigint
  }
  return entries;
}

/** Small integer ids for names (models, labs), so sums can live in typed arrays. */
class Ids {
  private readonly byName = new Map<string, number>();
  readonly names: string[] = [];
  of(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) this.byName.set(name, (id = this.names.push(name) - 1));
    return id;
  }
}

function grown(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const next = new Float64Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** One period's sum per id: `members` lists the ids added since `clear`, in the order they came. */
class Tally {
  values = new Float64Array(64);
  private stamps = new Int32Array(64);
  private generation = 1;
  readonly members: number[] = [];

  clear(): void {
    this.generation++;
    this.members.length = 0;
  }

  add(id: number, tokens: number): void {
    if (id >= this.stamps.length) {
      this.values = grown(this.values, id + 1);
      const stamps = new Int32Array(this.values.length);
      stamps.set(this.stamps);
      this.stamps = stamps;
    }
    if (this.stamps[id] === this.generation) this.values[id] += tokens;
    else (this.stamps[id] = this.generation), (this.values[id] = tokens), this.members.push(id);
  }

  ranked(names: readonly string[]): ChartEntry[] {
    return rankIds(this.members, this.values, names);
  }
}

/** A day's models as ids and doubles, in the day's own order. */
interface NumberDay {
  readonly ids: Int32Array;
  readonly tokens: Float64Array;
}

/** Doubles in typed arrays: exact for histories that `fitsInDoubles`. */
export class NumberSums implements PeriodSums {
  private readonly models = new Ids();
  private readonly labs = new Ids();
  /** The lab id of each model id. */
  private readonly labOfId: number[] = [];
  private readonly today = new Tally();
  private readonly weekSums = new Tally();
  private readonly monthSums = new Tally();
  private readonly labWeekSums = new Tally();
  private readonly labMonthSums = new Tally();
  /** Trending: S(D-6..D) and S(D-27..D-7) per model id, and the last 28 days, newest last. */
  private current = new Float64Array(64);
  private earlier = new Float64Array(64);
  private readonly recent: (NumberDay | undefined)[] = [];
  private readonly trendingValues = new Tally();
  private todayData: { day: NumberDay; data: DayData } | undefined;
  weekPlatform = 0n;
  monthPlatform = 0n;

  constructor(private readonly labOfModel: (slug: string) => string) {}

  get weekHasModels(): boolean {
    return this.weekSums.members.length > 0;
  }

  get monthHasModels(): boolean {
    return this.monthSums.members.length > 0;
  }

  advance(data: DayData | undefined, newWeek: boolean, newMonth: boolean): void {
    if (newWeek) this.weekSums.clear(), this.labWeekSums.clear(), (this.weekPlatform = 0n);
    if (newMonth) this.monthSums.clear(), this.labMonthSums.clear(), (this.monthPlatform = 0n);
    this.today.clear();
    const day = data ? this.numbers(data) : undefined;
    this.todayData = data && day ? { day, data } : undefined;
    if (data && day) {
      this.weekPlatform += data.platform;
      this.monthPlatform += data.platform;
      for (let i = 0; i < day.ids.length; i++) {
        const id = day.ids[i];
        const tokens = day.tokens[i];
        this.weekSums.add(id, tokens), this.monthSums.add(id, tokens), this.today.add(this.labOfId[id], tokens);
      }
      for (const lab of this.today.members) this.labWeekSums.add(lab, this.today.values[lab]), this.labMonthSums.add(lab, this.today.values[lab]);
    }
    this.moveTrending(day);
  }

  private numbers(data: DayData): NumberDay {
    const ids = new Int32Array(data.models.size);
    const tokens = new Float64Array(data.models.size);
    let i = 0;
    // forEach, not for-of: cold code would allocate an entry array and an iterator result per model.
    data.models.forEach((value, model) => {
      const id = this.models.of(model);
      if (id === this.labOfId.length) this.labOfId.push(this.labs.of(this.labOfModel(model)));
      (ids[i] = id), (tokens[i++] = Number(value));
    });
    this.current = grown(this.current, this.models.names.length);
    this.earlier = grown(this.earlier, this.models.names.length);
    return { ids, tokens };
  }

  /** D joins S(D-6..D); D-7 moves from it to S(D-27..D-7); D-28 leaves that. */
  private moveTrending(day: NumberDay | undefined): void {
    this.recent.push(day);
    const add = (sums: Float64Array, d: NumberDay | undefined, sign: number) => {
      if (d) for (let i = 0; i < d.ids.length; i++) sums[d.ids[i]] += sign * d.tokens[i];
    };
    add(this.current, day, 1);
    const week = this.recent[this.recent.length - 8];
    add(this.current, week, -1);
    add(this.earlier, week, 1);
    add(this.earlier, this.recent[this.recent.length - 29], -1);
    if (this.recent.length > 28) this.recent.shift();
  }

  day(): ChartEntry[] {
    return this.todayData ? rankDay(this.todayData.day, this.todayData.data, this.models.names) : [];
  }

  labDay(): ChartEntry[] {
    return this.today.ranked(this.labs.names);
  }

  week(): ChartEntry[] {
    return this.weekSums.ranked(this.models.names);
  }

  labWeek(): ChartEntry[] {
    return this.labWeekSums.ranked(this.labs.names);
  }

  month(): ChartEntry[] {
    return this.monthSums.ranked(this.models.names);
  }

  labMonth(): ChartEntry[] {
    return this.labMonthSums.ranked(this.labs.names);
  }

  trending(): ChartEntry[] {
    // Only a model of the last 7 days can have S(D-6..D) > 0, so only those can be above 0.
    const values = this.trendingValues;
    values.clear();
    for (let back = 1; back <= 7 && back <= this.recent.length; back++) {
      const day = this.recent[this.recent.length - back];
      if (!day) continue;
      for (const id of day.ids) {
        const value = 3 * this.current[id] - this.earlier[id];
        if (value > 0) values.add(id, 0), (values.values[id] = value);
      }
    }
    return values.ranked(this.models.names);
  }
}
