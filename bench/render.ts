import { bundledNames } from '../src/cli/bundled-names.js';
import { headline } from '../src/domain/alert-text.js';
import { ChartBook } from '../src/domain/chart-book.js';
import { detect } from '../src/domain/detect/detect.js';
import { DEFAULT_DETECT_OPTIONS } from '../src/domain/detect/options.js';
import { buildHistory } from '../src/domain/history.js';
import { attribution, labelModel } from '../src/domain/names.js';
import { drawPicture } from '../src/render/draw.js';
import type { Picture } from '../src/render/picture.js';
import { leaderboardPicture, modelPicture, momentPicture, racePicture } from '../src/render/picture-data.js';
import { sampleRows } from './detect.js';
import { median, percentile, report } from './report.js';

/** Render time per picture (warm: fonts parsed and modules loaded by a first draw) and PNG sizes, on the bundled sample. */
export async function benchRender(): Promise<void> {
  const { rows, endDate } = sampleRows();
  const history = buildHistory(rows, endDate);
  const book = ChartBook.from(history);
  const names = bundledNames();
  const name = (slug: string) => labelModel(slug, names).name;
  const footer = attribution('2026-11-21T03:00:00.000Z', 'sample');
  const leader = detect(history, DEFAULT_DETECT_OPTIONS).filter((e) => e.type === 'new_leader' && e.chart === 'daily').at(-1)!;
  const pictures: Record<string, Picture> = {
    'leaderboard (top 10)': leaderboardPicture(book, book.latest('daily')!, 10, name, footer),
    'model (90 days)': modelPicture(book, book.latest('daily')!.entries[0].model, name, footer),
    'race (12 weeks)': racePicture(book, 'weekly', 12, name, footer),
    'moment (14 days)': momentPicture(book, leader, headline(leader, name), name, footer),
  };
  const t0 = performance.now();
  await drawPicture(pictures['leaderboard (top 10)'], 'dark');
  const figures: Record<string, string> = { 'first draw (load echarts, resvg, fonts)': `${(performance.now() - t0).toFixed(0)} ms` };
  for (const [label, pic] of Object.entries(pictures)) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      bytes = (await drawPicture(pic, i % 2 ? 'light' : 'dark')).length;
      times.push(performance.now() - t);
    }
    figures[`${label}: median / p95, PNG`] = `${median(times).toFixed(0)} / ${percentile(times, 95).toFixed(0)} ms (goal < 150), ${Math.round(bytes / 1024)} KB`;
  }
  report('pictures (ECharts SVG + resvg PNG, 720 px wide, warm, one core)', figures);
}
