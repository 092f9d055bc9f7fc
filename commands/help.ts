import { z } from 'zod';
import { UserError, type Command } from './command.js';
import { noExtra, text } from './options.js';
import type { Reply } from './reply.js';
import { optionDetail, usages } from './usage.js';

const schema = z.object({ command: text, _extra: noExtra });

function overview(commands: readonly Command[]): Reply {
  const lines = commands.flatMap((c) => usages(c).map((u) => `**${u.line}** — ${u.description}`));
  return { title: 'rankwatch commands', text: `${lines.join('\n')}\n\n/help <command> for details. Dates are UTC days.` };
}

function details(c: Command): Reply {
  const fields = c.subcommands?.length
    ? usages(c).map((u, i) => ({ label: u.line, value: [u.description, ...c.subcommands![i].options.map((o) => `${o.name}: ${optionDetail(o)}`)].join('\n') }))
    : c.options.map((o) => ({ label: o.name, value: optionDetail(o) }));
  const privacy = c.personal ? '\nOnly you see the reply.' : '';
  return { title: `/${c.name}`, text: `${c.description}\n${usages(c).map((u) => u.line).join('\n')}${privacy}`, ...(fields.length ? { fields } : {}) };
}

export const help: Command<typeof schema> = {
  name: 'help',
  description: 'What each command does and how to call it',
  options: [{ name: 'command', description: 'A command to explain, e.g. leaderboard', type: 'string' }],
  personal: true,
  schema,
  async run({ command }, _ctx) {
    // Loaded on use: the registry imports this file, so a static import would be a cycle.
    const { COMMANDS, REGISTRY } = await import('./index.js');
    if (command === undefined) return overview(COMMANDS);
    const found = REGISTRY.get(command.replace(/^\//, '').toLowerCase());
    if (!found) throw new UserError('not_found', `No command /${command.replace(/^\//, '')}. Commands: ${COMMANDS.map((c) => `/${c.name}`).join(', ')}.`);
    return details(found);
  },
};
