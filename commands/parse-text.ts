import type { Command, OptionSpec } from './command.js';

/**
 * Turns typed text (Slack's `text`, a console line) into the same option record Discord builds.
 * `name:value` or `name=value` pairs go where they say; a word that is one of an option's
 * choices (`weekly`, `here`) fills that option; the rest fill the options in declared order, and
 * the model option (autocomplete), else the last string option, takes every word left — so
 * `/subscribe qwen 3.6 plus here` works. A `namedOnly` option is filled only by its `name:value`. For commands with subcommands the first word picks one.
 */
export function parseCommandText(command: Pick<Command, 'options' | 'subcommands'>, text: string): Record<string, unknown> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: Record<string, unknown> = {};
  let specs: readonly OptionSpec[] = command.options;
  if (command.subcommands?.length) {
    const sub = words.shift();
    if (sub !== undefined) out.subcommand = sub.toLowerCase();
    specs = command.subcommands.find((s) => s.name === out.subcommand)?.options ?? [];
  }
  const rest: string[] = [];
  for (const w of words) {
    const m = /^([a-z_]+)[:=](.*)$/i.exec(w);
    const named = m && specs.find((s) => s.name === m[1].toLowerCase());
    const choice = !named && specs.find((s) => !(s.name in out) && s.choices?.includes(w.toLowerCase()));
    if (named) out[named.name] = m[2];
    else if (choice) out[choice.name] = w.toLowerCase();
    else rest.push(w);
  }
  const free = specs.filter((s) => !(s.name in out) && !s.namedOnly);
  const greedy = free.find((s) => s.autocomplete) ?? free.filter((s) => s.type === 'string').at(-1);
  for (const spec of free) {
    if (rest.length === 0) break;
    if (spec === greedy) {
      out[spec.name] = rest.splice(0, rest.length - countAfter(free, spec, rest)).join(' ');
    } else if (!spec.choices) out[spec.name] = rest.shift();
  }
  if (rest.length > 0) out._extra = rest.join(' ');
  return out;
}

/** How many trailing words the options after the greedy one keep (one each; choice options took theirs already). */
function countAfter(free: readonly OptionSpec[], greedy: OptionSpec, rest: readonly string[]): number {
  const after = free.slice(free.indexOf(greedy) + 1).filter((s) => !s.choices).length;
  return Math.min(after, Math.max(0, rest.length - 1));
}
