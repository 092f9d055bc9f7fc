/** How to name and link one model; kept forever once resolved. */
export interface ModelName {
  readonly id: string;
  readonly name: string;
}

export const OPENROUTER = 'https://openrouter.ai';
export const RANKINGS_URL = `${OPENROUTER}/rankings`;

/** How a model is shown and linked. */
export interface ModelLabel {
  readonly permaslug: string;
  readonly name: string;
  /** The model's OpenRouter page, or the rankings page when the catalogue never knew it. */
  readonly url: string;
  readonly known: boolean;
}

function splitVariant(permaslug: string): { base: string; variant?: string } {
  const i = permaslug.indexOf(':');
  return i < 0 ? { base: permaslug } : { base: permaslug.slice(0, i), variant: permaslug.slice(i + 1) };
}

/** `Qwen: Qwen3.6 Plus` → `Qwen3.6 Plus`: chat lines read better without the vendor prefix. */
function shortName(name: string): string {
  const i = name.indexOf(': ');
  return i > 0 ? name.slice(i + 2) : name;
}

/**
 * Names a permaslug from the catalogue (a `:free` variant as `Name (free)`), falling back to a
 * readable form of the slug for models that have left the catalogue. Never guesses ids.
 */
export function labelModel(permaslug: string, names: ReadonlyMap<string, ModelName>): ModelLabel {
  const { base, variant } = splitVariant(permaslug);
  const entry = names.get(permaslug) ?? names.get(base);
  const suffix = variant ? ` (${variant})` : '';
  if (entry) {
    // The catalogue may already list only the variant (`…:free`, named `… (free)`): add nothing twice.
    const exact = names.has(permaslug) || !variant;
    const id = exact || entry.id.endsWith(`:${variant}`) ? entry.id : `${entry.id}:${variant}`;
    const name = shortName(entry.name);
    return { permaslug, name: exact || name.endsWith(suffix.trim()) ? name : `${name}${suffix}`, url: `${OPENROUTER}/${id}`, known: true };
  }
  const readable = base.slice(base.indexOf('/') + 1);
  return { permaslug, name: `${readable}${suffix}`, url: RANKINGS_URL, known: false };
}

/** Where stored history came from: OpenRouter's API, or the sample bundled with rankwatch. */
export const DATA_SOURCES = ['openrouter', 'sample'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/**
 * Attribution OpenRouter's licence (CC BY 4.0) requires on every post that shows the data. Posts
 * made from the bundled sample say so instead: its figures are not what OpenRouter reports today.
 */
export function attribution(asOf: string, source: DataSource = 'openrouter'): string {
  if (source === 'sample') return `Sample data bundled with rankwatch (not live OpenRouter figures), as of ${asOf}`;
  return `Source: OpenRouter (openrouter.ai/rankings), as of ${asOf}`;
}
