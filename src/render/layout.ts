import { formatThreshold } from '../domain/format.js';
import { FONT_FAMILY } from './fonts.js';
import type { Frame } from './picture.js';
import { WIDTH } from './picture.js';
import type { Palette } from './theme.js';

export const PAD = 12;
const TITLE = 15;
const SUBTITLE = 11;
const FOOTER = 10;

/** Inter's average advance is a little over half its size; ECharts measures text the same way without a canvas. */
const estimate = (text: string, size: number) => text.length * size * 0.56;

/** Greedy word wrap to `width`, at most `max` lines (the last one ellipsed). */
export function wrap(text: string, size: number, width: number, max = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && estimate(next, size) > width) lines.push(line), (line = word);
    else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1].replace(/\s*\S*$/, '')}…`;
  return kept;
}

/** `…, as of 2026-11-21T03:00:00.000Z` reads as `…, as of 2026-11-21 03:00 UTC` in a picture. */
export function readableFooter(footer: string): string {
  return footer.replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z/, '$1 $2 UTC');
}

export interface Framed {
  /** Where the chart may start (below title and subtitle). */
  readonly top: number;
  /** Room the footer takes at the bottom. */
  readonly bottom: number;
  graphics(height: number): object[];
}

/** Title, subtitle and the attribution line, laid out for one width; the chart goes between. */
export function frame(f: Frame, p: Palette): Framed {
  const inner = WIDTH - 2 * PAD;
  const title = wrap(f.title, TITLE, inner, 3);
  const subtitle = f.subtitle ? wrap(f.subtitle, SUBTITLE, inner, 2) : [];
  const footer = wrap(readableFooter(f.footer), FOOTER, inner, 3);
  const top = PAD + title.length * 19 + subtitle.length * 14 + 12;
  const bottom = footer.length * 13 + PAD;
  const text = (x: number, y: number, lines: string[], size: number, fill: string, weight: string, lineHeight: number) => ({
    type: 'text',
    left: x,
    top: y,
    silent: true,
    style: { text: lines.join('\n'), fill, fontSize: size, fontWeight: weight, fontFamily: FONT_FAMILY, lineHeight },
  });
  return {
    top,
    bottom,
    graphics: (height) => [
      text(PAD, PAD, title, TITLE, p.text, 'bold', 19),
      ...(subtitle.length ? [text(PAD, PAD + title.length * 19 + 2, subtitle, SUBTITLE, p.muted, 'normal', 14)] : []),
      text(PAD, height - bottom + 2, footer, FOOTER, p.muted, 'normal', 13),
    ],
  };
}

/** A legend of coloured squares in `columns` columns (ECharts' own legend wraps unpredictably at this width). */
export function legend(names: readonly string[], colours: readonly string[], top: number, p: Palette, columns = 2): { graphics: object[]; height: number } {
  const colWidth = (WIDTH - 2 * PAD) / columns;
  const maxChars = Math.floor((colWidth - 18) / (10 * 0.56));
  const graphics = names.flatMap((n, i) => {
    const x = PAD + (i % columns) * colWidth;
    const y = top + Math.floor(i / columns) * 16;
    const label = n.length > maxChars ? `${n.slice(0, maxChars - 1)}…` : n;
    return [
      { type: 'rect', left: x, top: y + 2, silent: true, shape: { width: 9, height: 9, r: 2 }, style: { fill: colours[i % colours.length] } },
      { type: 'text', left: x + 14, top: y, silent: true, style: { text: label, fill: p.text, fontSize: 10, fontFamily: FONT_FAMILY } },
    ];
  });
  return { graphics, height: Math.ceil(names.length / columns) * 16 };
}

/** Axis labels in the project's short form without trailing zeros: `1T`, `2.5T`, `500B`. */
export function shortAxis(value: number): string {
  return formatThreshold(BigInt(Math.round(value)));
}
