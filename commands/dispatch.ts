import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { UserError, type Choice, type Command, type CommandContext } from './command.js';
import type { Reply } from './reply.js';

/** A reply to a mistake: short, private, says what to do. */
export function errorReply(message: string): Reply {
  return { text: message, ephemeral: true };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  // `_extra` holds typed words no option took: say so without naming an internal field.
  const where = issue.path.length && issue.path[0] !== '_extra' ? `\`${issue.path.join('.')}\`: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Runs one command for any platform: validates the options with the command's schema, runs it,
 * and turns every failure into a reply. A UserError becomes its own message; anything else is
 * logged with context and answered with a reference id the user can quote.
 */
export async function dispatch(registry: ReadonlyMap<string, Command>, name: string, raw: Record<string, unknown>, ctx: CommandContext): Promise<Reply> {
  const command = registry.get(name);
  if (!command) return errorReply(`Unknown command /${name}. Try /help.`);
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) return errorReply(`/${name}: ${firstIssue(parsed.error)}. Try /help ${name}.`);
  try {
    const reply = await command.run(parsed.data, ctx);
    return command.personal && reply.ephemeral === undefined ? { ...reply, ephemeral: true } : reply;
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message);
    const ref = randomBytes(4).toString('hex');
    ctx.services.logger.error({ err: error, ref, command: name, platform: ctx.invocation.platform }, 'command failed');
    return errorReply(`Something went wrong running /${name}. Reference: ${ref}.`);
  }
}

/**
 * Suggestions while typing a model option; never throws (Discord needs an answer within 3 s).
 * `command`: which command asks; /unsubscribe offers the person's own subscriptions first.
 */
export async function suggestModels(ctx: CommandContext, partial: string, limit = 25, command?: string): Promise<Choice[]> {
  try {
    const { suggestModels: suggest } = await import('./model-search.js');
    const view = await ctx.services.charts();
    const found = suggest(view, partial, limit);
    if (command !== 'unsubscribe') return found;
    const { suggestOwn } = await import('./unsubscribe.js');
    return await suggestOwn(ctx, view, partial, found, limit);
  } catch (error) {
    ctx.services.logger.warn({ err: error }, 'autocomplete failed');
    return [];
  }
}
