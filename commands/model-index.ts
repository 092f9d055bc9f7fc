import { OPENROUTER } from '../src/domain/names.js';
import type { ChartView } from './services.js';

/** One model as search sees it: every way a person may name it, normalized once. */
export interface IndexedModel {
  readonly slug: string;
  readonly name: string;
  /** Whole names: permaslug, catalogue id, display name, full catalogue name, each with and without vendor. */
  readonly keys: readonly string[];
  /** The keys without their vendor (`gpt54`, not `openaigpt54`): the start of one of these is the best prefix. */
  readonly bareKeys: readonly string[];
  /** Each key from each of its words on (`claudesonnet46`, `sonnet46`, `46`…): a prefix here starts a word. */
  readonly wordKeys: readonly string[];
  /** The words of each name (`claude`, `sonnet`, `4`, `6`), for queries whose words come in any order. */
  readonly nameWords: readonly (readonly string[])[];
  /** Letter pairs of the display name and of the bare slug. */
  readonly grams: readonly ReadonlySet<string>[];
  /** Rank on the latest daily chart; Infinity when off it. */
  readonly rank: number;
  readonly lastDay: string | null;
}

export interface ModelIndex {
  readonly models: readonly IndexedModel[];
  readonly bySlug: ReadonlyMap<string, IndexedModel>;
  /** Display names two or more models share: shown with their permaslug. */
  readonly sharedNames: ReadonlySet<string>;
}

/** Case, spacing and punctuation do not count: `Qwen3.6 Plus` and `qwen 3.6-plus` are one key. */
export function normalize(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function words(text: string): string[] {
  return text.normalize('NFKD').toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/).filter(Boolean);
}

/**
 * The typed chunks between spaces, each as its words: `gpt-4o mini` is `[gpt, 4, o] [mini]`.
 * A chunk's words were typed together, so they must follow each other in a name too.
 */
export function chunks(text: string): string[][] {
  return text.split(/\s+/).map(words).filter((w) => w.length > 0);
}

/** Letter pairs, for a typo-tolerant likeness (Dice coefficient). */
export function bigrams(key: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < key.length - 1; i++) out.add(key.slice(i, i + 2));
  return out;
}

export function likeness(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

const withoutVendor = (s: string) => s.slice(s.indexOf('/') + 1).replace(/^[^:]*: /, '');

/**
 * Each name with and without its vendor. `words`: the names to match words in; a model the
 * catalogue knows leaves out its permaslug there, whose date tail (`-20260305`, `-04-02`) would
 * let `gpt 4.2` match GPT-5.4.
 */
function names(view: ChartView, slug: string, forWords = false): string[] {
  const label = view.label(slug);
  const out = forWords && label.known ? [label.name] : [slug, label.name];
  if (label.known && label.url.startsWith(`${OPENROUTER}/`)) out.push(label.url.slice(OPENROUTER.length + 1));
  const entry = view.names.get(slug) ?? view.names.get(slug.split(':')[0]);
  const variant = slug.includes(':') && !view.names.has(slug) ? ` (${slug.split(':')[1]})` : '';
  if (entry) out.push(`${entry.name}${variant}`);
  return [...out, ...out.map(withoutVendor)];
}

function lastDays(view: ChartView): Map<string, string> {
  const out = new Map<string, string>();
  for (const day of view.book.history.days.values()) for (const m of day.models.keys()) out.set(m, day.day);
  return out;
}

/** Indexes `slugs` (default: every model ever charted) of one view. */
export function buildIndex(view: ChartView, slugs: readonly string[] = view.models): ModelIndex {
  const ranks = new Map(view.book.latest('daily')?.entries.map((e) => [e.model, e.rank]) ?? []);
  const last = lastDays(view);
  const models = slugs.map((slug): IndexedModel => {
    const keys = [...new Set(names(view, slug).map(normalize).filter(Boolean))];
    const wordy = names(view, slug, true);
    const bareKeys = [...new Set(names(view, slug).map(withoutVendor).map(normalize).filter(Boolean))];
    const nameWords = [...new Map(wordy.map((n) => { const w = words(n); return [w.join(' '), w] as const; })).values()];
    const wordKeys = new Set<string>();
    for (const w of nameWords) for (let i = 0; i < w.length; i++) wordKeys.add(w.slice(i).join(''));
    const name = view.label(slug).name;
    const grams = [bigrams(normalize(name)), bigrams(normalize(withoutVendor(slug)))];
    return { slug, name, keys, bareKeys, wordKeys: [...wordKeys], nameWords, grams, rank: ranks.get(slug) ?? Infinity, lastDay: last.get(slug) ?? null };
  });
  const seen = new Set<string>();
  const sharedNames = new Set<string>();
  for (const m of models) (seen.has(m.name) ? sharedNames : seen).add(m.name);
  return { models, bySlug: new Map(models.map((m) => [m.slug, m])), sharedNames };
}

const cache = new WeakMap<ChartView, ModelIndex>();

/** The index of every charted model, built once per view (a view lives until the next sync). */
export function modelIndex(view: ChartView): ModelIndex {
  let index = cache.get(view);
  if (!index) cache.set(view, (index = buildIndex(view)));
  return index;
}
