import { describe, expect, test } from 'vitest';
import { ChartBook } from '../../src/domain/chart-book.js';
import { DEFAULT_DETECT_OPTIONS } from '../../src/domain/detect/options.js';
import { detect } from '../../src/domain/detect/detect.js';
import { buildHistory } from '../../src/domain/history.js';
import { attribution } from '../../src/domain/names.js';
import { drawPicture } from '../../src/render/draw.js';
import { frame } from '../../src/render/layout.js';
import { drawing } from '../../src/render/options.js';
import { SCALE, WIDTH, type Picture } from '../../src/render/picture.js';
import { leaderboardPicture, modelPicture, momentPicture, racePicture } from '../../src/render/picture-data.js';
import { PALETTES, THEMES } from '../../src/render/theme.js';
import { D, days } from '../domain/history-builder.js';
import { barLengths, decode, distance, hex, inkIn } from './png.js';

// Twelve models over 70 days; `a/lead` leads until day 55, when `b/rise` overtakes it.
const MODELS = Array.from({ length: 12 }, (_, i) => `m/model-${i}`);
const rows = days(D(0), 70, (i) => ({
  'a/lead': 1_000_000_000_000 - i * 1_000_000_000,
  'b/rise': 300_000_000_000 + i * 12_000_000_000,
  ...Object.fromEntries(MODELS.map((m, k) => [m, 250_000_000_000 - k * 18_000_000_000 + (i % 7) * 1_000_000_000])),
}));
const history = buildHistory(rows);
const book = ChartBook.from(history);
const name = (slug: string) => (slug === 'a/lead' ? 'Leader Model' : slug === 'b/rise' ? 'Rising Model 2' : slug.replace(/^.*\//, 'Model '));
const footer = attribution('2026-05-11T03:00:00.000Z');
const leader = detect(history, DEFAULT_DETECT_OPTIONS).find((e) => e.type === 'new_leader' && e.chart === 'daily' && e.subject === 'b/rise')!;

const pictures: Record<Picture['kind'], Picture> = {
  leaderboard: leaderboardPicture(book, book.latest('daily')!, 10, name, footer),
  model: modelPicture(book, 'a/lead', name, footer),
  race: racePicture(book, 'weekly', 8, name, footer),
  moment: momentPicture(book, leader, 'Rising Model 2 takes #1 on the daily chart', name, footer),
};
const drawn = new Map<string, Buffer>();
async function png(kind: Picture['kind'], theme: 'dark' | 'light') {
  const key = `${kind}|${theme}`;
  if (!drawn.has(key)) drawn.set(key, await drawPicture(pictures[kind], theme));
  return drawn.get(key)!;
}

describe('every picture, in both themes', () => {
  test.each(Object.keys(pictures).flatMap((k) => THEMES.map((t) => [k as Picture['kind'], t] as const)))('%s (%s) is a PNG of the laid-out size, with the attribution drawn in', async (kind, theme) => {
    const img = decode(await png(kind, theme));
    const { height } = drawing(pictures[kind], PALETTES[theme]);
    expect([img.width, img.height]).toEqual([WIDTH * SCALE, height * SCALE]);
    expect(distance(img.rgb(2, 2), hex(PALETTES[theme].background))).toBeLessThanOrEqual(2);
    const bottom = frame(pictures[kind], PALETTES[theme]).bottom * SCALE;
    // The attribution line: ink in the footer band, none in the margin under it.
    expect(inkIn(img, img.height - bottom, img.height - 12 * SCALE, PALETTES[theme].background)).toBeGreaterThan(500);
    expect(inkIn(img, img.height - 4, img.height, PALETTES[theme].background)).toBe(0);
  });

  test.each(Object.keys(pictures))('%s: the dark and light pictures differ', async (kind) => {
    const dark = decode(await png(kind as Picture['kind'], 'dark'));
    const light = decode(await png(kind as Picture['kind'], 'light'));
    let differ = 0;
    for (let y = 0; y < dark.height; y += 4) for (let x = 0; x < dark.width; x += 4) if (distance(dark.rgb(x, y), light.rgb(x, y)) > 40) differ++;
    expect(differ / ((dark.height / 4) * (dark.width / 4))).toBeGreaterThan(0.5);
  });
});

describe('the leaderboard', () => {
  test('given the latest day, then the bars say the top 10 with figures and moves', () => {
    const bars = (pictures.leaderboard as Extract<Picture, { kind: 'leaderboard' }>).bars;
    expect(bars.map((b) => b.name).slice(0, 3)).toEqual(['Rising Model 2', 'Leader Model', 'Model model-0']);
    expect(bars[0]).toMatchObject({ rank: 1, figure: '1.13T', move: '=' });
    expect(bars).toHaveLength(10);
  });

  test.each(THEMES)('(%s) the #1 bar is gold and the longest; each bar is as long as its figure says', async (theme) => {
    const p = PALETTES[theme];
    const img = decode(await png('leaderboard', theme));
    const bars = barLengths(img, 12 * SCALE + 1, [p.gold, p.accent]).filter((b) => b.length > 4);
    expect(bars).toHaveLength(10);
    expect(bars[0].colour).toBe(p.gold);
    expect(bars.slice(1).every((b) => b.colour === p.accent && b.length < bars[0].length)).toBe(true);
    const tokens = (pictures.leaderboard as Extract<Picture, { kind: 'leaderboard' }>).bars.map((b) => b.tokens);
    bars.forEach((b, i) => expect(b.length / bars[0].length).toBeCloseTo(tokens[i] / tokens[0], 1));
  });
});

describe('the model history', () => {
  test('given a leader that lost #1 on day 55, then its days at #1 are marked and its best day labelled', () => {
    const pic = pictures.model as Extract<Picture, { kind: 'model' }>;
    expect(pic.days).toHaveLength(70); // the whole history: shorter than 90 days
    expect(pic.atOne.filter(Boolean).length).toBe(pic.atOne.findIndex((x) => !x));
    expect(pic.bestLabel).toBe(`Best 1.00T · ${D(0)}`);
  });

  test('the picture has gold bars (days at #1) and accent bars (the days after)', async () => {
    const img = decode(await png('model', 'dark'));
    const count = (c: string) => {
      let n = 0;
      for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) if (distance(img.rgb(x, y), hex(c)) <= 4) n++;
      return n;
    };
    expect(count(PALETTES.dark.gold)).toBeGreaterThan(count(PALETTES.dark.accent));
    expect(count(PALETTES.dark.accent)).toBeGreaterThan(100);
  });
});

describe('the race and the moment', () => {
  test('the race stacks the top 10 of the last 8 weeks, each in its own colour', async () => {
    const pic = pictures.race as Extract<Picture, { kind: 'race' }>;
    expect(pic.series).toHaveLength(10);
    expect(pic.weeks).toHaveLength(8);
    const img = decode(await png('race', 'light'));
    const seen = new Set<string>();
    for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) {
      const c = PALETTES.light.series.find((s) => distance(img.rgb(x, y), hex(s)) <= 3);
      if (c) seen.add(c);
    }
    expect(seen.size).toBe(10);
  });

  test('the moment draws the new leader against the one it beat over 14 days', () => {
    const pic = pictures.moment as Extract<Picture, { kind: 'moment' }>;
    expect(pic.series.map((s) => s.name)).toEqual(['Rising Model 2', 'Leader Model']);
    expect(pic.days).toHaveLength(14);
    expect(pic.days.at(-1)).toBe(leader.day);
  });
});
