import type { Command, OptionSpec } from './command.js';

/** Discord's rules for names: lowercase, digits, `-` and `_`, 1 to 32 characters. */
const NAME = /^[-_a-z0-9]{1,32}$/;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;

function checkText(where: string, name: string, description: string): void {
  if (!NAME.test(name)) throw new Error(`${where}: name ${JSON.stringify(name)} must match ${NAME}`);
  if (description.length < 1 || description.length > 100) throw new Error(`${where}: description must be 1-100 characters (is ${description.length})`);
}

function checkOptions(where: string, options: readonly OptionSpec[]): void {
  if (options.length > MAX_OPTIONS) throw new Error(`${where}: at most ${MAX_OPTIONS} options (has ${options.length})`);
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const o of options) {
    checkText(`${where} option ${o.name}`, o.name, o.description);
    if (seen.has(o.name)) throw new Error(`${where}: option ${o.name} is declared twice`);
    seen.add(o.name);
    if (o.required && optionalSeen) throw new Error(`${where}: required option ${o.name} must come before optional ones`);
    optionalSeen ||= !o.required;
    if (o.choices && (o.choices.length > MAX_CHOICES || o.choices.some((c) => c.length < 1 || c.length > 100))) {
      throw new Error(`${where} option ${o.name}: at most ${MAX_CHOICES} choices of 1-100 characters`);
    }
    if (o.autocomplete && o.choices?.length) throw new Error(`${where} option ${o.name}: autocomplete and choices exclude each other`);
  }
}

/** Checks one command against Discord's registration rules (Slack's are looser). Throws, naming what to fix. */
export function validateCommand(c: Command): void {
  const where = `command /${c.name}`;
  checkText(where, c.name, c.description);
  if (typeof c.run !== 'function' || !c.schema) throw new Error(`${where}: needs a run function and a zod schema`);
  checkOptions(where, c.options);
  if (c.subcommands?.length) {
    if (c.options.length) throw new Error(`${where}: a command with subcommands cannot have options of its own`);
    if (c.subcommands.length > MAX_OPTIONS) throw new Error(`${where}: at most ${MAX_OPTIONS} subcommands`);
    const names = new Set<string>();
    for (const s of c.subcommands) {
      checkText(`${where} ${s.name}`, s.name, s.description);
      if (names.has(s.name)) throw new Error(`${where}: subcommand ${s.name} is declared twice`);
      names.add(s.name);
      checkOptions(`${where} ${s.name}`, s.options);
    }
  }
}

/**
 * The registry from a static list: every command is checked and names are unique. A malformed
 * command stops the process at import rather than being skipped in silence.
 */
export function buildRegistry(commands: readonly Command[]): ReadonlyMap<string, Command> {
  const registry = new Map<string, Command>();
  for (const c of commands) {
    validateCommand(c);
    if (registry.has(c.name)) throw new Error(`command /${c.name} is registered twice`);
    registry.set(c.name, c);
  }
  return registry;
}
