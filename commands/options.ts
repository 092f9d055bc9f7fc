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
 * Typed text gives the last option the remaining words, so `/subscribe qwen 3.6 plus here` arrives
 * as model `qwen`, where `3.6 plus here`. Words that are not a `where` go back into the model.
 */
export function modelFirst(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r: Record<string, unknown> = { ...raw };
  if (typeof r.model !== 'string' || typeof r.where !== 'string' || /^\s*(dm|here)\s*$/i.test(r.where)) return r;
  const words = `${r.model} ${r.where}`.trim().split(/\s+/);
  const last = words.at(-1)!.toLowerCase();
  if (words.length > 1 && (last === 'dm' || last === 'here')) (r.where = last), words.pop();
  else delete r.where;
  r.model = words.join(' ');
  return r;
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
