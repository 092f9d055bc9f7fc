// The exact walk of period-sums.ts: bigints in maps, for histories whose sums doubles cannot hold.
import type { ChartEntry } from './charts.js';
import type { DayData } from './history.js';
import type { PeriodSums } from './period-sums.js';
import { TrendingWindows } from './trending.js';

function addInto(target: Map<string, bigint>, models: ReadonlyMap<string, bigint>): void {
  for (const [model, tokens] of models) target.set(model, (target.get(model) ?? 0n) + tokens);
}

/** Ranks by value descending; ties go to the permaslug that sorts first in plain code-unit order. */
export function rank(values: ReadonlyMap<string, bigint>, keep?: (v: bigint) => boolean): ChartEntry[] {
  // Sorted on each value as a double first (cheap to compare; Number() never reverses an order,
  // so unequal doubles order the values exactly), on the values themselves only when the doubles tie.
  const list: { model: string; value: bigint; key: number }[] = [];
  for (const [model, value] of values) if (!keep || keep(value)) list.push({ model, value, key: Number(value) });
  list.sort((a, b) => b.key - a.key || (a.value === b.value ? (a.model < b.model ? -1 : 1) : a.value > b.value ? -1 : 1));
  const entries: ChartEntry[] = [];
  for (let i = 0; i < list.length; i++) entries.push({ model: list[i].model, value: list[i].value, rank: i + 1 });
  return entries;
}

/** Bigints in maps: exact at any size (tokens past 2^53), for the histories doubles cannot hold. */
export class BigintSums implements PeriodSums {
  private readonly weekSums = new Map<string, bigint>();
  private readonly monthSums = new Map<string, bigint>();
  private readonly labWeekSums = new Map<string, bigint>();
  private readonly labMonthSums = new Map<string, bigint>();
  private today = new Map<string, bigint>();
  private todayModels: ReadonlyMap<string, bigint> = new Map();
  private readonly windows = new TrendingWindows();
  weekPlatform = 0n;
  monthPlatform = 0n;

  constructor(private readonly labOfModel: (slug: string) => string) {}

  get weekHasModels(): boolean {
    return this.weekSums.size > 0;
  }

  get monthHasModels(): boolean {
    return this.monthSums.size > 0;
  }

  advance(data: DayData | undefined, newWeek: boolean, newMonth: boolean): void {
    if (newWeek) this.weekSums.clear(), this.labWeekSums.clear(), (this.weekPlatform = 0n);
    if (newMonth) this.monthSums.clear(), this.labMonthSums.clear(), (this.monthPlatform = 0n);
    this.today = new Map();
    this.todayModels = data?.models ?? new Map();
    if (data) {
      for (const [model, tokens] of data.models) {
        const lab = this.labOfModel(model);
        this.today.set(lab, (this.today.get(lab) ?? 0n) + tokens);
      }
      addInto(this.weekSums, data.models), addInto(this.monthSums, data.models);
      addInto(this.labWeekSums, this.today), addInto(this.labMonthSums, this.today);
      this.weekPlatform += data.platform;
      this.monthPlatform += data.platform;
    }
    this.windows.advance(data);
  }

  day(): ChartEntry[] {
    return rank(this.todayModels);
  }

  labDay(): ChartEntry[] {
    return rank(this.today);
  }

  week(): ChartEntry[] {
    return rank(this.weekSums);
  }

  labWeek(): ChartEntry[] {
    return rank(this.labWeekSums);
  }

  month(): ChartEntry[] {
    return rank(this.monthSums);
  }

  labMonth(): ChartEntry[] {
    return rank(this.labMonthSums);
  }

  trending(): ChartEntry[] {
    return rank(this.windows.values(), (v) => v > 0n);
  }
}
