import type { Command, OptionSpec } from './command.js';

/** `<model>`, `[chart: daily|weekly]`, `[limit: 1-25]`: how an option is written in usage lines. */
export function optionUsage(o: OptionSpec): string {
  const values = o.choices?.length ? `: ${o.choices.join('|')}` : o.min !== undefined && o.max !== undefined ? `: ${o.min}-${o.max}` : '';
  return o.required ? `<${o.name}${values}>` : `[${o.name}${values}]`;
}

/** Each way to call the command with what it does: `/leaderboard [chart: …] [date] [limit: 1-25]`, `/alerts setup [types] [charts]`. */
export function usages(command: Pick<Command, 'name' | 'description' | 'options' | 'subcommands'>): { line: string; description: string }[] {
  const line = (prefix: string, options: readonly OptionSpec[]) => [prefix, ...options.map(optionUsage)].join(' ');
  if (command.subcommands?.length) return command.subcommands.map((s) => ({ line: line(`/${command.name} ${s.name}`, s.options), description: s.description }));
  return [{ line: line(`/${command.name}`, command.options), description: command.description }];
}

/** What an option accepts, for /help details: `Which chart. Optional; one of daily, weekly.` */
export function optionDetail(o: OptionSpec): string {
  const extra = [
    o.required ? 'Required' : 'Optional',
    o.choices?.length ? `one of ${o.choices.join(', ')}` : '',
    o.min !== undefined || o.max !== undefined ? `${o.min ?? '…'} to ${o.max ?? '…'}` : '',
    o.autocomplete ? 'suggestions as you type' : '',
  ].filter(Boolean);
  return `${o.description}. ${extra.join('; ')}.`;
}
