import type { ChartName } from './charts.js';
import { PLATFORM, type ChartEvent } from './events.js';
import { formatThreshold, formatTokens, ordinal } from './format.js';

const UNIT: Record<ChartName, string> = { daily: 'day', weekly: 'week', monthly: 'month', trending: 'day' };

/** `the daily chart`, `the weekly chart (2026-W14)`. */
function chartPhrase(chart: ChartName, period: string): string {
  return chart === 'daily' ? 'the daily chart' : chart === 'trending' ? 'the trending chart' : `the ${chart} chart (${period})`;
}

/** One sentence a person can read aloud: what happened. `name` turns a permaslug into a display name. */
export function headline(e: ChartEvent, name: (permaslug: string) => string): string {
  const who = e.subject === PLATFORM ? 'OpenRouter' : name(e.subject);
  const t = formatTokens(e.tokens);
  const prev = e.previous;
  switch (e.type) {
    case 'new_leader': {
      const value = e.chart === 'trending' ? `${t} tokens above its recent pace` : `${t} tokens`;
      const ending = prev?.streak ? `ending ${name(prev.subject!)}'s ${prev.streak}-${UNIT[e.chart]} reign` : `ahead of ${name(prev!.subject!)}`;
      return `${who} ${e.debut ? 'debuts at #1' : 'takes #1'} on ${chartPhrase(e.chart, e.period)} with ${value}, ${ending}`;
    }
    case 'streak':
      return `${who} leads ${chartPhrase(e.chart, e.period)} for a ${ordinal(e.milestone!)} straight ${UNIT[e.chart]}`;
    case 'record_day':
      return e.subject === PLATFORM
        ? `OpenRouter sets a platform record: ${t} tokens in one day`
        : `${who} sets the all-time record: ${t} tokens in one day`;
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
  }
}

/** The figures behind an event, as label/value pairs. */
export function figures(e: ChartEvent, name: (permaslug: string) => string): [string, string][] {
  const out: [string, string][] = [];
  out.push([e.chart === 'trending' ? 'Trending value' : 'Tokens', formatTokens(e.tokens)]);
  if (e.rank !== undefined) out.push(['Rank', `#${e.rank}`]);
  const p = e.previous;
  if (p?.rank !== undefined) out.push(['Previous rank', `#${p.rank}`]);
  if (p?.subject !== undefined) out.push([e.type === 'record_day' ? 'Previous record' : 'Previous #1', `${name(p.subject)}${p.tokens !== undefined ? ` (${formatTokens(p.tokens)})` : ''}`]);
  else if (p?.tokens !== undefined) out.push([e.type === 'record_day' ? 'Previous record' : 'Previous best', formatTokens(p.tokens)]);
  if (p?.day) out.push(['Set on', p.day]);
  if (p?.streak) out.push(['Reign ended', `${p.streak} ${UNIT[e.chart]}s`]);
  out.push(['Period', e.chart === 'daily' || e.chart === 'trending' ? `${e.period} (UTC)` : e.period]);
  return out;
}
