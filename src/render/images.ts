import type { ChartBook } from '../domain/chart-book.js';
import type { Chart } from '../domain/charts.js';
import type { ChartEvent } from '../domain/events.js';
import { attribution, type DataSource } from '../domain/names.js';
import { chartImage, dataVersion, fileName, type ChartImage } from './chart-image.js';
import { leaderboardPicture, modelPicture, momentPicture, racePicture, type RaceChart } from './picture-data.js';

/** What the pictures read: the charts of one history version (commands' ChartView fits). */
export interface PictureSource {
  readonly book: ChartBook;
  readonly meta: { readonly syncedAt: string; readonly asOf: string; readonly completeThrough: string | null; readonly source?: DataSource } | null;
  label(permaslug: string): { readonly name: string };
}

const footer = (v: PictureSource) => attribution(v.meta?.asOf ?? '', v.meta?.source);
const nameOf = (v: PictureSource) => (slug: string) => v.label(slug).name;

/** `/leaderboard`: the top `limit` of one chart as bars; `name` names the entries (labs on a lab chart). */
export function leaderboardImage(v: PictureSource, chart: Chart, limit: number, name: (subject: string) => string = nameOf(v)): ChartImage {
  return chartImage(
    `leaderboard|${chart.chart}|${chart.period}|${limit}|${dataVersion(v.meta)}`,
    fileName('leaderboard', chart.chart, chart.period),
    `Bar chart: the ${chart.chart} chart's top ${limit} for ${chart.period}, tokens per ${chart.platform === undefined ? 'model' : 'lab'}`,
    () => leaderboardPicture(v.book, chart, limit, name, footer(v)),
  );
}

/** `/model`: daily tokens over the last `days` days, days at #1 marked. */
export function modelImage(v: PictureSource, slug: string, days = 90): ChartImage {
  const name = v.label(slug).name;
  return chartImage(
    `model|${slug}|${days}|${dataVersion(v.meta)}`,
    fileName('model', slug.replace(/^.*\//, ''), `${days}d`),
    `Bar chart: ${name}'s daily tokens over the last ${days} days, days at #1 in gold`,
    () => modelPicture(v.book, slug, nameOf(v), footer(v), days),
  );
}

/** `/race`: the top 10 models' tokens per period over the last `periods` periods of `chart`, stacked. */
export function raceImage(v: PictureSource, chart: RaceChart, periods: number): ChartImage {
  const last = v.book.latest(chart)?.period ?? 'none';
  return chartImage(
    `race|${chart}|${periods}|${last}|${dataVersion(v.meta)}`,
    fileName('race', chart, String(periods), last),
    `Stacked area chart: the top 10 models' ${chart} tokens over the last ${periods} periods`,
    () => racePicture(v.book, chart, periods, nameOf(v), footer(v)),
  );
}

/** Which alerts carry the chart of the moment (decided in the domain, where alerts are made). */
export { MOMENT_TYPES } from '../domain/alert-message.js';

/** What the chart of the moment needs of its event (a ChartEvent fits; so does an alert's MomentSpec). */
export type Moment = Pick<ChartEvent, 'id' | 'type' | 'chart' | 'period' | 'day' | 'subject'> & { readonly previous?: { readonly subject?: string } };

/** The file name and alt text of a moment's picture, known before anything is drawn. */
export function momentLabels(e: Moment, headline: string): { name: string; alt: string } {
  return { name: fileName(e.type, e.chart, e.period), alt: `Line chart: daily tokens over the 14 days to ${e.day}. ${headline}` };
}

/** A `new_leader` or `record_day` alert's picture: the subject against the one it beat over 14 days. */
export function momentImage(v: PictureSource, e: Moment, headline: string): ChartImage {
  const { name, alt } = momentLabels(e, headline);
  return chartImage(`moment|${e.id}|${dataVersion(v.meta)}`, name, alt, () => momentPicture(v.book, e, headline, nameOf(v), footer(v)));
}
