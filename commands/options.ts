import type { OptionSpec } from './command.js';
import { z } from 'zod';
import { CHART_NAMES } from '../src/domain/charts.js';

/**
 * zod pieces for option records as adapters build them: Discord sends integers and strings,
 * Slack and the console send every value as text. Messages say what is wanted, since dispatch
 * shows them to the user as they are.
 */

/** A free-text value; blank counts as not given. */
export const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

/** A model as typed or picked from autocomplete; resolved later against the charts. */
export const modelText = z.string({ error: 'name a model, e.g. qwen/qwen3.6-plus-04-02 or "qwen 3.6 plus"' }).trim().min(1, 'name a model');

/** One of `values`, case-insensitive (typed text may be `Weekly`). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `want one of ${values.join(', ')}`;
  return z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values, { error: message }));
}

/** A whole number from `min` to `max`, given as a number or as digits. */
export function wholeNumber(min: number, max: number) {
  const message = `want a whole number from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

export const chartChoice = choice(CHART_NAMES);

/** `where`: a personal DM, or the channel the command was typed in. */
export const whereChoice = choice(['dm', 'here']).default('dm');

/** Words the text parser could not place (`_extra`): refused, so a typo is not silently ignored. */
export const noExtra = z.undefined({ error: (issue) => `unexpected text "${String(issue.input)}"` }).optional();

/**
 * Typed text for /subscribe and /unsubscribe arrives already placed: the model option takes the
 * loose words, `where` only `dm`, `here` or its own `where:value`. A `where` is never folded back
 * into the model, so `where:everywhere` is refused by name instead of searched as "qwen everywhere".
 */
export function modelFirst(raw: unknown): unknown {
  return raw;
}

/** The options of /subscribe and /unsubscribe: which model (or lab), and whose alerts. */
export const MODEL_AND_WHERE: readonly OptionSpec[] = [
  { name: 'model', description: 'Model name or permaslug (or give lab instead)', type: 'string', autocomplete: true },
  { name: 'where', description: 'dm (default) or here (this channel; needs channel managers)', type: 'string', choices: ['dm', 'here'] },
  { name: 'lab', description: "A lab instead of a model (e.g. qwen): the lab's alerts and its models'", type: 'string', namedOnly: true },
];

/** /subscribe and /unsubscribe take a model or a lab, not both. */
export const modelOrLab = z
  .object({ model: modelText.optional(), lab: text, where: whereChoice, _extra: noExtra })
  .refine((o) => (o.model === undefined) !== (o.lab === undefined), { error: 'name a model (e.g. "qwen 3.6 plus") or a lab (lab:qwen), one of the two', path: ['model'] });
