import { randomBytes } from 'node:crypto';
import type { App, RespondFn, webApi } from '@slack/bolt';
import { handleButton } from '../../../commands/button.js';
import { dispatch } from '../../../commands/dispatch.js';
import { parseCommandText } from '../../../commands/parse-text.js';
import type { Reply } from '../../../commands/reply.js';
import type { AdapterDeps } from '../adapter.js';
import { canManageChannel, needsChannelPermission, slackInvocation, type SlackOrigin } from './invocation.js';
import { postReplyPicture } from './pictures.js';
import { buttonId, renderReply } from './render.js';
import { slackCommand } from './command-names.js';

/** Action ids of the buttons render.ts emits (`follow`, `follow#2`): every one goes to handleButton. */
const BUTTON_ACTION = /^[a-z][a-z0-9_-]*(?:#\d+)?$/;

/** Slack HTML-escapes `&`, `<`, `>` in a command's text; the command layer wants what was typed. */
const unescapeText = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Posts the reply to response_url. If Slack refuses the blocks (400), the plain text goes out
 * instead, so the person still gets an answer; other failures (expired or used-up URL) are logged.
 */
async function answer(respond: RespondFn, reply: Reply, deps: AdapterDeps, what: string): Promise<void> {
  const { text, blocks } = renderReply(reply);
  const base = { text, response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false } as const;
  try {
    await respond(blocks.length ? { ...base, blocks } : base);
  } catch (error) {
    const refused = (error as { statusCode?: number }).statusCode === 400 && blocks.length > 0;
    deps.logger[refused ? 'warn' : 'error']({ err: error, what }, 'slack: response_url refused the answer');
    if (refused) await respond(base).catch((again: unknown) => deps.logger.error({ err: again, what }, 'slack: plain-text answer refused too'));
  }
}

/** Where a reply's picture is shared: the command's channel, with the workspace's own client. */
export interface PictureTarget {
  readonly client: webApi.WebClient;
  readonly channelId: string;
}

/** Runs `work`; anything it throws becomes a reply with a reference id, never silence. */
export async function settle(deps: AdapterDeps, what: string, work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    const ref = randomBytes(4).toString('hex');
    deps.logger.error({ err: error, ref, what, platform: 'slack' }, 'slack handler failed');
    return { text: `Something went wrong running ${what}. Reference: ${ref}.`, ephemeral: true };
  }
}

/** Runs `work` after the ack and answers through response_url, picture after the text. */
export async function guarded(deps: AdapterDeps, what: string, respond: RespondFn, work: () => Promise<Reply>, picture?: PictureTarget): Promise<void> {
  const reply = await settle(deps, what, work);
  await answer(respond, reply, deps, what);
  // After the text (which never waits for it); a private answer's picture would be public: none.
  if (picture && reply.image && !reply.ephemeral && picture.channelId) await postReplyPicture(picture.client, picture.channelId, reply.image, deps.logger);
}

/** A command's typed text (as Slack sends it) through the normal dispatch path. */
export async function runCommand(deps: AdapterDeps, name: string, text: string, origin: SlackOrigin, client: webApi.WebClient): Promise<Reply> {
  const command = deps.commands.get(name)!;
  return runOptions(deps, name, parseCommandText(command, unescapeText(text)), origin, client);
}

/**
 * Options already built (typed text parsed, a modal's checkboxes, a Home button) through the
 * same path: the channel-permission lookup where the command needs it, then dispatch.
 */
export async function runOptions(deps: AdapterDeps, name: string, raw: Record<string, unknown>, origin: SlackOrigin, client: webApi.WebClient): Promise<Reply> {
  const manage = needsChannelPermission(name, raw) ? await canManageChannel(client, origin, deps.logger) : false;
  return dispatch(deps.commands, name, raw, deps.context(slackInvocation(origin, manage, { client, logger: deps.logger })));
}

/**
 * Every command in the registry as `/name`, and the buttons (`/rankwatch`, App Home, the setup
 * modal and unfurls: native-handlers.ts). Slack wants the ack within 3 s, so
 * each listener acks first and answers through response_url (valid 30 minutes) afterwards.
 */
export function registerHandlers(app: App, deps: AdapterDeps): void {
  for (const name of deps.commands.keys()) {
    app.command(slackCommand(name), async ({ command, ack, respond, client }) => {
      await ack();
      const origin: SlackOrigin = { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id, channelName: command.channel_name, userName: command.user_name };
      await guarded(deps, slackCommand(name), respond, () => runCommand(deps, name, command.text ?? '', origin, client), { client, channelId: command.channel_id });
    });
  }
  app.action({ type: 'block_actions', action_id: BUTTON_ACTION }, async ({ ack, body, action, respond }) => {
    await ack();
    if (action.type !== 'button') return;
    const origin: SlackOrigin = {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      userId: body.user.id,
      channelId: body.channel?.id ?? '',
      channelName: body.channel?.name,
    };
    const id = buttonId(action);
    await guarded(deps, `button ${id}`, respond, async () => ({ ...(await handleButton(id, deps.context(slackInvocation(origin, false)))), ephemeral: true }));
  });
}
