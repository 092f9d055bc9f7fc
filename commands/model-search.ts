import { UserError, type Choice } from './command.js';
import { bigrams, chunks, likeness, modelIndex, normalize, type IndexedModel, type ModelIndex } from './model-index.js';
import type { ChartView } from './services.js';

/**
 * How well a model matches: 0 a whole name; 1 the start of a name without its vendor (`gpt-4`
 * for GPT-4.1); 2 the start of a name with its vendor or of a word in it, or every typed chunk
 * starts words of one name in any order (`gemini flash` for Gemini 3.5 Flash; `gpt-4o` needs a
 * `4` followed by an `o…` word, so the `o` of `openai` does not count); 3 and up only alike (a
 * typo). A match inside a word (`mini` in Gemini) does not count. Within a level, today's rank decides.
 */
export interface Match {
  readonly model: IndexedModel;
  readonly score: number;
}

/** Scores from here up are typo guesses, never taken without asking. */
export const FUZZY = 3;
/** Below this likeness a name is not offered as "did you mean". */
const ALIKE = 0.45;

interface Query {
  readonly key: string;
  readonly chunks: readonly (readonly string[])[];
  readonly grams: ReadonlySet<string>;
}

/** The chunk's words start at `name[at]`: every one whole but the last, which may be begun. */
function fitsAt(chunk: readonly string[], name: readonly string[], at: number): boolean {
  if (at + chunk.length > name.length) return false;
  const last = chunk.length - 1;
  for (let j = 0; j < last; j++) if (name[at + j] !== chunk[j]) return false;
  return name[at + last].startsWith(chunk[last]);
}

/** Every chunk fits words of `name` that no other chunk took (plain loops: this runs per model per keystroke). */
function chunksStart(typed: readonly (readonly string[])[], name: readonly string[]): boolean {
  let used = 0; // a bit per word of the name; names have far fewer than 32 words
  for (const chunk of typed) {
    let found = false;
    for (let at = 0; at < name.length && !found; at++) {
      const span = ((1 << chunk.length) - 1) << at;
      if ((used & span) === 0 && fitsAt(chunk, name, at)) (used |= span), (found = true);
    }
    if (!found) return false;
  }
  return true;
}

function scoreOf(m: IndexedModel, q: Query): number | null {
  if (m.keys.includes(q.key)) return 0;
  if (m.bareKeys.some((k) => k.startsWith(q.key))) return 1;
  if (m.keys.some((k) => k.startsWith(q.key)) || m.wordKeys.some((k) => k.startsWith(q.key))) return 2;
  // One chunk is covered by the word-start keys above (they join a name's words from each word on).
  if (q.chunks.length > 1) for (const name of m.nameWords) if (chunksStart(q.chunks, name)) return 2;
  if (q.grams.size === 0) return null; // one character: nothing to be alike with
  let like = 0;
  for (const g of m.grams) like = Math.max(like, likeness(q.grams, g));
  return like >= ALIKE ? FUZZY + (1 - like) : null;
}

const byQuality = (a: Match, b: Match) => a.score - b.score || a.model.rank - b.model.rank || (a.model.slug < b.model.slug ? -1 : 1);

/** Every model matching `text`, best first: match quality, then today's rank. */
export function searchModels(index: ModelIndex, text: string): Match[] {
  const key = normalize(text);
  if (!key) return [];
  const q: Query = { key, chunks: chunks(text), grams: bigrams(key) };
  const out: Match[] = [];
  for (const model of index.models) {
    const score = scoreOf(model, q);
    if (score !== null) out.push({ model, score });
  }
  return out.sort(byQuality);
}

function shown(index: ModelIndex, m: IndexedModel): string {
  return index.sharedNames.has(m.name) ? `${m.name} (${m.slug})` : m.name;
}

function unknown(index: ModelIndex, text: string, matches: Match[]): UserError {
  const names = matches.slice(0, 3).map((m) => shown(index, m.model));
  const ambiguous = matches.length > 1 && matches[0].score < FUZZY;
  const lead = ambiguous ? `"${text}" matches more than one model.` : `No charted model matches "${text}".`;
  const hint = names.length ? ` Did you mean ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]}?` : ' /leaderboard shows the models on the charts.';
  return new UserError('unknown_model', `${lead}${hint}`);
}

/**
 * The permaslug a person means: an exact permaslug, a catalogue id (`qwen/qwen3.6-plus`), a
 * `:free` variant, or a loose name (`qwen 3.6 plus`). One match wins; several, or none, is a
 * UserError listing up to three best guesses.
 */
export function resolveIn(index: ModelIndex, text: string): string {
  const exact = index.bySlug.get(text.trim()) ?? index.models.find((m) => m.slug.toLowerCase() === text.trim().toLowerCase());
  if (exact) return exact.slug;
  const matches = searchModels(index, text);
  const whole = matches.filter((m) => m.score === 0);
  if (whole.length === 1) return whole[0].model.slug;
  const close = matches.filter((m) => m.score < FUZZY);
  if (whole.length === 0 && close.length === 1) return close[0].model.slug;
  throw unknown(index, text, whole.length > 1 ? whole : matches);
}

/** `resolveIn` over every model ever charted. */
export function resolveModel(view: ChartView, text: string): string {
  return resolveIn(modelIndex(view), text);
}

const LIMIT = 100; // Discord: choice names and values are at most 100 characters
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function choiceOf(index: ModelIndex, m: IndexedModel): Choice {
  const where = m.rank !== Infinity ? `#${m.rank} today` : m.lastDay ? `last charted ${m.lastDay}` : 'not charted';
  const tail = ` — ${where}`;
  return { name: `${clip(shown(index, m), LIMIT - tail.length)}${tail}`, value: m.slug };
}

/** Typo guesses only when nothing matches for real: `gpt-4o` offers GPT-4o-mini, not GPT-5.4 too. */
const offered = (matches: readonly Match[]) => {
  const real = matches.filter((m) => m.score < FUZZY);
  return (real.length > 0 ? real : matches).map((m) => m.model);
};

/** Autocomplete: the best matches for what was typed so far; nothing typed yet gives today's top models. */
export function suggestModels(view: ChartView, partial: string, limit = 25): Choice[] {
  const index = modelIndex(view);
  const n = Math.max(0, Math.min(limit, 25));
  const ranked = normalize(partial) ? offered(searchModels(index, partial)) : [...index.models].sort((a, b) => a.rank - b.rank || (a.slug < b.slug ? -1 : 1));
  return ranked.filter((m) => m.slug.length <= LIMIT).slice(0, n).map((m) => choiceOf(index, m));
}
