import { addDays } from './calendar.js';
import { isLabChart, type ChartName } from './charts.js';
import { PLATFORM, subjectKind, type ChartEvent } from './events.js';
import { formatThreshold, formatTokens, ordinal } from './format.js';
import { BUNDLED_LABS, labName, regionName, type LabTable } from './labs.js';

const UNIT: Record<ChartName, string> = { daily: 'day', weekly: 'week', monthly: 'month', trending: 'day', labs_daily: 'day', labs_weekly: 'week', labs_monthly: 'month' };

/** `the daily chart`, `the weekly chart (2026-W14)`, `the weekly lab chart (2026-W14)`. */
function chartPhrase(chart: ChartName, period: string): string {
  if (chart === 'labs_daily') return 'the daily lab chart';
  if (isLabChart(chart)) return `the ${chart.slice(5)} lab chart (${period})`;
  return chart === 'daily' ? 'the daily chart' : chart === 'trending' ? 'the trending chart' : `the ${chart} chart (${period})`;
}

/** The leader over the runner-up, in tenths (rounded half up); undefined when the runner-up has nothing. */
export function marginTenths(tokens: bigint, runnerUp: bigint): number | undefined {
  return runnerUp > 0n ? Number((tokens * 20n + runnerUp) / (runnerUp * 2n)) : undefined;
}

/** `an 8th`, `an 11th`, `an 18th`, `an 80th`, else `a`. */
function article(n: number): string {
  return String(n).startsWith('8') || n === 11 || n === 18 ? 'an' : 'a';
}

/** `1.9x`, read aloud: "nearly double the second-place model" from 1.7x up, "more than double" past 2. */
function marginPhrase(e: ChartEvent): string | undefined {
  // A ratio of trending values (growth over a pace) does not read as "double the model".
  const tenths = e.runnerUp && e.chart !== 'trending' ? marginTenths(e.tokens, e.runnerUp.tokens) : undefined;
  if (tenths === undefined || tenths < 17) return undefined;
  const what = `the second-place ${isLabChart(e.chart) ? 'lab' : 'model'}`;
  const x = `${(tenths / 10).toFixed(1)}x`;
  if (tenths < 20) return `nearly double ${what} (${x})`;
  if (tenths === 20) return `double ${what}`;
  return tenths < 30 ? `more than double ${what} (${x})` : `${x} ${what}`;
}

/** Names any subject: a model (through `name`), a lab, a region, or the platform. */
export function subjectNamer(name: (permaslug: string) => string, labs: LabTable = BUNDLED_LABS) {
  return (e: Pick<ChartEvent, 'type' | 'chart'>, subject: string): string => {
    const kind = subjectKind({ type: e.type, chart: e.chart, subject });
    return kind === 'platform' ? 'OpenRouter' : kind === 'lab' ? labName(subject, labs) : kind === 'region' ? regionName(subject) : name(subject);
  };
}

/** One sentence a person can read aloud: what happened. `name` turns a permaslug into a display name. */
export function headline(e: ChartEvent, name: (permaslug: string) => string, labs: LabTable = BUNDLED_LABS): string {
  const of = subjectNamer(name, labs);
  const who = of(e, e.subject);
  const t = formatTokens(e.tokens);
  const prev = e.previous;
  const margin = marginPhrase(e);
  const tail = margin ? `, ${margin}` : '';
  switch (e.type) {
    case 'new_leader': {
      const value = e.chart === 'trending' ? `${t} tokens above its recent pace` : `${t} tokens`;
      const ending = prev?.streak ? `ending ${of(e, prev.subject!)}'s ${prev.streak}-${UNIT[e.chart]} reign` : `ahead of ${of(e, prev!.subject!)}`;
      return `${who} ${e.debut ? 'debuts at #1' : 'takes #1'} on ${chartPhrase(e.chart, e.period)} with ${value}, ${ending}${tail}`;
    }
    case 'streak':
      return `${who} leads ${chartPhrase(e.chart, e.period)} for ${article(e.milestone!)} ${ordinal(e.milestone!)} straight ${UNIT[e.chart]}`;
    case 'record_day':
      return e.subject === PLATFORM
        ? `OpenRouter sets a platform record: ${t} tokens in one day`
        : `${who} sets the all-time record: ${t} tokens in one day${tail}`;
    case 'milestone': {
      const threshold = formatThreshold(BigInt(e.milestone!));
      return e.firstEver
        ? `${who} passes ${threshold} tokens in one day, the first model ever to do so`
        : `${who} passes ${threshold} tokens in one day for the first time`;
    }
    case 'personal_best':
      return `${who} sets a personal best: ${t} tokens in one day (#${e.rank})`;
    case 'debut':
      return `${who} enters the daily top 10 at #${e.rank}`;
    case 'rank_change':
      return `${who} ${e.rank! < prev!.rank! ? 'climbs' : 'falls'} from #${prev!.rank} to #${e.rank} on the daily chart`;
    case 'sweep': {
      const run = e.milestone! > 1 ? `, for the ${ordinal(e.milestone!)} straight week` : '';
      return `The top ${e.top} models on the weekly chart (${e.period}) are all from ${who}${run}`;
    }
    case 'launch_record':
      return `${who} has the strongest launch ever: ${t} tokens in its first 7 days, ahead of ${of(e, prev!.subject!)}'s ${formatTokens(prev!.tokens!)}`;
  }
}

/** The figures behind an event, as label/value pairs. */
export function figures(e: ChartEvent, name: (permaslug: string) => string, labs: LabTable = BUNDLED_LABS): [string, string][] {
  const of = subjectNamer(name, labs);
  const out: [string, string][] = [];
  const label = e.chart === 'trending' ? 'Trending value' : e.type === 'sweep' ? `Tokens (top ${e.top})` : e.type === 'launch_record' ? 'Tokens (first 7 days)' : 'Tokens';
  out.push([label, formatTokens(e.tokens)]);
  if (e.rank !== undefined) out.push(['Rank', `#${e.rank}`]);
  if (e.region !== undefined && e.type !== 'sweep') out.push(['Region', regionName(e.region)]);
  if (e.runnerUp) {
    const tenths = marginTenths(e.tokens, e.runnerUp.tokens);
    out.push(['Second place', `${of(e, e.runnerUp.subject)} (${formatTokens(e.runnerUp.tokens)}${tenths !== undefined ? `; #1 has ${(tenths / 10).toFixed(1)}x` : ''})`]);
  }
  if (e.rival) out.push(['Best other region', `${regionName(e.rival.region)}: ${formatTokens(e.rival.tokens)} (its top ${e.top})`]);
  if (e.type === 'sweep') out.push(['Weeks in a row', String(e.milestone)]);
  if (e.type === 'launch_record') out.push(['Launch', `${addDays(e.day, -6)} to ${e.day} (UTC)`]);
  const p = e.previous;
  const recordLike = e.type === 'record_day' || e.type === 'launch_record';
  if (p?.rank !== undefined) out.push(['Previous rank', `#${p.rank}`]);
  if (p?.subject !== undefined) out.push([recordLike ? 'Previous record' : 'Previous #1', `${of(e, p.subject)}${p.tokens !== undefined ? ` (${formatTokens(p.tokens)})` : ''}`]);
  else if (p?.tokens !== undefined) out.push([recordLike ? 'Previous record' : 'Previous best', formatTokens(p.tokens)]);
  if (p?.day) out.push(['Set on', p.day]);
  if (p?.streak) out.push(['Reign ended', `${p.streak} ${UNIT[e.chart]}s`]);
  out.push(['Period', e.chart === 'daily' || e.chart === 'trending' || e.chart === 'labs_daily' ? `${e.period} (UTC)` : e.period]);
  return out;
}
