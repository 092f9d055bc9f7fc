import { randomBytes } from 'node:crypto';
import { UserError, type CommandContext } from './command.js';
import { errorReply } from './dispatch.js';
import { follow } from './follow.js';
import { followedSlug } from './follow-id.js';
import type { Reply } from './reply.js';

async function route(id: string, ctx: CommandContext): Promise<Reply> {
  const view = await ctx.services.charts();
  const slug = followedSlug(id, view.models);
  if (slug === undefined) throw new UserError('not_found', 'This button is no longer supported. Try /help.');
  if (slug === null || !view.models.includes(slug)) throw new UserError('unknown_model', `${slug ?? 'That model'} is not on the charts any more. /subscribe accepts current models.`);
  return follow(ctx, view, slug, ctx.invocation.dm);
}

/**
 * A click on a button a reply or alert carried (`follow:<permaslug>` or, for a long slug,
 * `follow-id:<hash>` subscribes the clicker by DM; one who already follows is told so). The answer is private; failures become replies, as in dispatch.
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
