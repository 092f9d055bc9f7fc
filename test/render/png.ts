import { PNG } from 'pngjs';

/** A decoded PNG with pixel helpers for the picture tests. */
export interface Decoded {
  readonly width: number;
  readonly height: number;
  rgb(x: number, y: number): [number, number, number];
}

export function decode(buffer: Buffer): Decoded {
  const png = PNG.sync.read(buffer);
  return {
    width: png.width,
    height: png.height,
    rgb(x, y) {
      const i = (png.width * y + x) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    },
  };
}

export function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const distance = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

/** The bars drawn in `colours` from column `x0`: one entry per bar, top to bottom, with its longest run of pixels. */
export function barLengths(img: Decoded, x0: number, colours: readonly string[]): { top: number; length: number; colour: string }[] {
  const wanted = colours.map((c) => [c, hex(c)] as const);
  const bars: { top: number; length: number; colour: string }[] = [];
  let current: { top: number; length: number; colour: string } | null = null;
  for (let y = 0; y < img.height; y++) {
    const match = wanted.find(([, c]) => distance(img.rgb(x0, y), c) <= 6);
    if (!match) {
      current = null;
      continue;
    }
    let x = x0;
    while (x < img.width && distance(img.rgb(x, y), match[1]) <= 6) x++;
    if (!current) bars.push((current = { top: y, length: 0, colour: match[0] }));
    current.length = Math.max(current.length, x - x0);
  }
  return bars;
}

/** How many pixels of the rows `y0..y1` stand out from `background`. */
export function inkIn(img: Decoded, y0: number, y1: number, background: string): number {
  const bg = hex(background);
  let ink = 0;
  for (let y = y0; y < y1; y++) for (let x = 0; x < img.width; x++) if (distance(img.rgb(x, y), bg) > 60) ink++;
  return ink;
}
