import { FONT_FAMILY } from './fonts.js';
import { frame, legend, PAD, shortAxis } from './layout.js';
import { WIDTH, type LeaderboardPicture, type MomentPicture, type ModelPicture, type Picture, type RacePicture } from './picture.js';
import type { Palette } from './theme.js';

/** An ECharts option and the height it needs at WIDTH. */
export interface Drawing {
  readonly option: Record<string, unknown>;
  readonly height: number;
}

const base = (p: Palette) => ({
  animation: false,
  backgroundColor: p.background,
  textStyle: { fontFamily: FONT_FAMILY, color: p.text },
});

const ROW = 34;

/** Names sit above their bars so the bars get the whole width of a phone screen. */
function leaderboardOption(pic: LeaderboardPicture, p: Palette): Drawing {
  const f = frame(pic, p);
  const height = f.top + pic.bars.length * ROW + f.bottom + 6;
  const moveColour = (m: string) => (m.startsWith('▲') || m === 'new' ? 'up' : m.startsWith('▼') ? 'down' : 'same');
  return {
    height,
    option: {
      ...base(p),
      grid: { left: PAD, right: 104, top: f.top + 6, bottom: f.bottom + 6 },
      xAxis: { type: 'value', show: false, min: 0, max: Math.max(1, ...pic.bars.map((b) => b.tokens)) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: pic.bars.map((b) => `${b.rank}  ${b.name}`),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { inside: true, align: 'left', verticalAlign: 'bottom', padding: [0, 0, 8, 0], color: p.text, fontSize: 11.5, width: WIDTH - 2 * PAD - 8, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barWidth: 11,
          barCategoryGap: '0%',
          data: pic.bars.map((b) => ({
            value: b.tokens,
            itemStyle: { color: b.rank === 1 ? p.gold : p.accent, borderRadius: [0, 3, 3, 0] },
            label: {
              show: true,
              position: 'right',
              offset: [0, -1],
              formatter: [`{f|${b.figure}}`, b.move && `{${moveColour(b.move)}|${b.move}}`, b.change && `{muted|${b.change}}`].filter(Boolean).join(' '),
            },
          })),
          label: {
            rich: {
              f: { color: p.text, fontWeight: 'bold', fontSize: 11, padding: [0, 5, 0, 0] },
              up: { color: p.up, fontSize: 10, padding: [0, 4, 0, 0] },
              down: { color: p.down, fontSize: 10, padding: [0, 4, 0, 0] },
              same: { color: p.muted, fontSize: 10, padding: [0, 4, 0, 0] },
              muted: { color: p.muted, fontSize: 10 },
            },
          },
        },
      ],
      graphic: f.graphics(height),
    },
  };
}

function dayAxis(days: readonly string[], p: Palette) {
  return {
    type: 'category',
    data: days.map((d) => d.slice(5)),
    axisLine: { lineStyle: { color: p.grid } },
    axisTick: { show: false },
    axisLabel: { color: p.muted, fontSize: 10, hideOverlap: true },
  };
}

function valueAxis(p: Palette) {
  return {
    type: 'value',
    splitNumber: 3,
    axisLabel: { color: p.muted, fontSize: 10, formatter: shortAxis },
    splitLine: { lineStyle: { color: p.grid } },
  };
}

/** Daily bars, gold on the days at #1, the best day labelled. */
function modelOption(pic: ModelPicture, p: Palette): Drawing {
  const f = frame(pic, p);
  const ones = pic.atOne.some(Boolean);
  const key = legend(ones ? ['other days', 'day at #1'] : [], [p.accent, p.gold], f.top - 2, p, 3);
  const height = f.top + key.height + 210 + f.bottom;
  return {
    height,
    option: {
      ...base(p),
      grid: { left: PAD + 34, right: PAD + 4, top: f.top + key.height + 34, bottom: f.bottom + 26 },
      xAxis: dayAxis(pic.days, p),
      yAxis: valueAxis(p),
      series: [
        {
          type: 'bar',
          barCategoryGap: '15%',
          data: pic.tokens.map((t, i) => ({ value: t ?? 0, itemStyle: { color: pic.atOne[i] ? p.gold : p.accent } })),
          markPoint:
            pic.best < 0
              ? undefined
              : {
                  symbol: 'circle',
                  symbolSize: 6,
                  itemStyle: { color: p.text },
                  data: [{ coord: [pic.best, pic.tokens[pic.best]] }],
                  label: {
                    show: true,
                    formatter: pic.bestLabel,
                    color: p.text,
                    fontSize: 10.5,
                    fontWeight: 'bold',
                    position: 'top',
                    distance: 6,
                    // Anchored on the side with room, so a best day at either edge stays inside the picture.
                    align: pic.best < pic.days.length / 2 ? 'left' : 'right',
                    offset: [pic.best < pic.days.length / 2 ? -6 : 6, 0],
                    backgroundColor: p.background,
                    padding: [1, 3],
                    borderColor: p.grid,
                    borderWidth: 1,
                    borderRadius: 3,
                  },
                },
        },
      ],
      graphic: [...f.graphics(height), ...key.graphics],
    },
  };
}

/** Stacked areas, one per model, as on OpenRouter's rankings page. */
function raceOption(pic: RacePicture, p: Palette): Drawing {
  const f = frame(pic, p);
  const plot = 230;
  const legendTop = f.top + plot + 6;
  const key = legend(pic.series.map((s) => s.name), p.series, legendTop, p, 2);
  const height = legendTop + key.height + 8 + f.bottom;
  return {
    height,
    option: {
      ...base(p),
      color: p.series,
      grid: { left: PAD + 34, right: PAD + 6, top: f.top + 8, bottom: height - legendTop + 22 },
      xAxis: { ...dayAxis(pic.weeks, p), data: pic.weeks, boundaryGap: false },
      yAxis: valueAxis(p),
      series: pic.series.map((s) => ({
        type: 'line',
        name: s.name,
        stack: 'tokens',
        symbol: 'none',
        lineStyle: { width: 0.6, color: p.background },
        areaStyle: { opacity: 0.95 },
        data: s.values,
      })),
      graphic: [...f.graphics(height), ...key.graphics],
    },
  };
}

/** The new leader against the one it beat, day by day. */
function momentOption(pic: MomentPicture, p: Palette): Drawing {
  const f = frame(pic, p);
  const colours = [p.gold, p.accent];
  const key = legend(pic.series.map((s) => s.name), colours, f.top - 2, p, 2);
  const height = f.top + key.height + 150 + f.bottom;
  return {
    height,
    option: {
      ...base(p),
      color: colours,
      grid: { left: PAD + 34, right: PAD + 6, top: f.top + key.height + 12, bottom: f.bottom + 26 },
      xAxis: { ...dayAxis(pic.days, p), boundaryGap: false },
      yAxis: valueAxis(p),
      series: pic.series.map((s, i) => ({
        type: 'line',
        name: s.name,
        symbol: 'circle',
        symbolSize: i === 0 ? 5 : 4,
        lineStyle: { width: i === 0 ? 3 : 2 },
        data: s.values,
      })),
      graphic: [...f.graphics(height), ...key.graphics],
    },
  };
}

export function drawing(pic: Picture, p: Palette): Drawing {
  switch (pic.kind) {
    case 'leaderboard':
      return leaderboardOption(pic, p);
    case 'model':
      return modelOption(pic, p);
    case 'race':
      return raceOption(pic, p);
    case 'moment':
      return momentOption(pic, p);
  }
}
