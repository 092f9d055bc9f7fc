import type { App, webApi } from '@slack/bolt';
import { isLabKey } from '../../../commands/lab-follow.js';
import { LAB_PREFIX } from '../../delivery/fan-out.js';
import type { AdapterDeps } from '../adapter.js';
import { runOptions, settle } from './handlers.js';
import { HOME_FOLLOW, HOME_STOP, homeView } from './home.js';
import { slackInvocation, type SlackOrigin } from './invocation.js';
import { namespacedReply, replyText } from './namespaced.js';
import { modelOfLink, unfurlCard } from './unfurl.js';

const HOME_ACTION = new RegExp(`^(${HOME_FOLLOW}|${HOME_STOP})(?:#\\d+)?$`.replace(/\./g, '\\.'));

/**
 * Publishes the person's Home tab. The app's DM channel rides in private_metadata, so a click
 * there runs as a command typed in that DM (subscriptions go by DM, as the tab says).
 */
async function publishHome(deps: AdapterDeps, client: webApi.WebClient, origin: SlackOrigin, notice?: string): Promise<void> {
  const view = await deps.services.charts();
  const subs = await deps.services.settings.subscriptionsOf([slackInvocation(origin, false).dm]);
  const home = { ...homeView(view, subs.map((s) => s.model), notice), private_metadata: JSON.stringify({ channelId: origin.channelId }) };
  await client.views.publish({ user_id: origin.userId, view: home });
}

/** The app's DM with the person: from the Home view's metadata, else opened (conversations.open). */
async function dmChannel(client: webApi.WebClient, metadata: string | undefined, userId: string): Promise<string> {
  const known = (JSON.parse(metadata || '{}') as { channelId?: string }).channelId;
  if (known) return known;
  const opened = await client.conversations.open({ users: userId });
  return opened.channel!.id!;
}

/** The App Home tab (app_home_opened, its buttons) and openrouter.ai link unfurls (link_shared). */
export function registerHome(app: App, deps: AdapterDeps, names: ReadonlySet<string>): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const origin: SlackOrigin = { teamId: body.team_id ?? '', userId: event.user, channelId: event.channel };
    await publishHome(deps, client, origin).catch((error: unknown) => deps.logger.error({ err: error, user: event.user }, 'slack: could not publish the Home tab'));
  });

  app.action({ type: 'block_actions', action_id: HOME_ACTION }, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const key = action.value;
    const follow = action.action_id.startsWith(HOME_FOLLOW);
    const what = follow ? 'Home: follow' : 'Home: stop';
    try {
      const origin: SlackOrigin = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, channelId: await dmChannel(client, body.view?.private_metadata, body.user.id) };
      // The same commands as typed: /subscribe <permaslug>, /unsubscribe <permaslug> (or lab:<lab>).
      const options = isLabKey(key) ? { lab: key.slice(LAB_PREFIX.length) } : { model: key };
      const reply = await settle(deps, what, async () => namespacedReply(await runOptions(deps, follow ? 'subscribe' : 'unsubscribe', options, origin, client), names));
      await publishHome(deps, client, origin, replyText(reply));
    } catch (error) {
      deps.logger.error({ err: error, what, user: body.user.id }, 'slack: Home button failed');
    }
  });

  app.event('link_shared', async ({ event, client }) => {
    try {
      const view = await deps.services.charts();
      if (!view.meta || view.book.history.completeThrough === null) return;
      const unfurls: Record<string, ReturnType<typeof unfurlCard>> = {};
      for (const { url } of event.links) {
        const slug = modelOfLink(view, url);
        if (slug) unfurls[url] = unfurlCard(view, slug);
      }
      if (Object.keys(unfurls).length === 0) return;
      // Links in the composer (before posting) come with unfurl_id + source; posted ones with channel + ts.
      const target = event.unfurl_id && event.source ? { unfurl_id: event.unfurl_id, source: event.source } : { channel: event.channel, ts: event.message_ts };
      await client.chat.unfurl({ ...target, unfurls } as webApi.ChatUnfurlArguments);
    } catch (error) {
      deps.logger.warn({ err: error, links: event.links.length }, 'slack: could not unfurl openrouter.ai links');
    }
  });
}
