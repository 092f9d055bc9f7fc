import type { Picture } from './picture.js';
import type { ThemeName } from './theme.js';

/**
 * A picture a reply or an alert carries: drawn only when an adapter asks (so the text answer never
 * waits for it), once per theme, then served from the cache of its data version.
 */
export interface ChartImage {
  /** File name, `leaderboard-daily-2026-11-20.png`. */
  readonly name: string;
  /** What the picture shows, for screen readers (the text answer says it in full). */
  readonly alt: string;
  render(theme?: ThemeName): Promise<Buffer>;
}

/**
 * Rendered PNGs by key (picture, options, theme, data version), least recently used dropped past
 * `max`. A failed render is not kept, so the next ask tries again.
 */
export class RenderCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  hits = 0;
  misses = 0;

  constructor(private readonly max = 64) {}

  get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const made = make();
    this.entries.set(key, made);
    made.catch(() => this.entries.get(key) === made && this.entries.delete(key));
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The one cache commands and alerts share; keys carry the data version, so nothing in it goes stale. */
export const RENDER_CACHE = new RenderCache();

/** `syncedAt|asOf|completeThrough`: changes whenever a sync changes the history. */
export function dataVersion(meta: { readonly syncedAt?: string; readonly asOf?: string; readonly completeThrough?: string | null } | null): string {
  return `${meta?.syncedAt}|${meta?.asOf}|${meta?.completeThrough}`;
}

/**
 * A ChartImage for a picture built on first render. `key` names the chart, its options and the data
 * version; echarts and resvg are loaded only when something is drawn.
 */
export function chartImage(key: string, name: string, alt: string, build: () => Picture, cache: RenderCache = RENDER_CACHE): ChartImage {
  let picture: Picture | undefined;
  return {
    name,
    alt,
    render(theme = 'dark') {
      return cache.get(`${key}|${theme}`, async () => {
        const { drawPicture } = await import('./draw.js');
        return drawPicture((picture ??= build()), theme);
      });
    },
  };
}

/** File names keep to letters, digits, `-` and `.` (Discord's attachment:// links and Slack's uploads agree on those). */
export function fileName(...parts: string[]): string {
  return `${parts.join('-').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/-+/g, '-').toLowerCase()}.png`;
}
