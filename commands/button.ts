import { randomBytes } from 'node:crypto';
import { UserError, type CommandContext } from './command.js';
import { errorReply } from './dispatch.js';
import { follow } from './follow.js';
import type { Reply } from './reply.js';

const FOLLOW = 'follow:';

async function route(id: string, ctx: CommandContext): Promise<Reply> {
  if (!id.startsWith(FOLLOW)) throw new UserError('not_found', 'This button is no longer supported. Try /help.');
  const slug = id.slice(FOLLOW.length);
  const view = await ctx.services.charts();
  if (!view.models.includes(slug)) throw new UserError('unknown_model', `${slug} is not on the charts any more. /subscribe accepts current models.`);
  return follow(ctx, view, slug, ctx.invocation.dm);
}

/**
 * A click on a button a reply or alert carried (`follow:<permaslug>` subscribes the clicker by
 * DM). The answer is private; failures become replies, as in dispatch.
 */
export async function handleButton(id: string, ctx: CommandContext): Promise<Reply> {
  try {
    return { ...(await route(id, ctx)), ephemeral: true };
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message);
    const ref = randomBytes(4).toString('hex');
    ctx.services.logger.error({ err: error, ref, button: id, platform: ctx.invocation.platform }, 'button failed');
    return errorReply(`Something went wrong. Reference: ${ref}.`);
  }
}
