import type { App, RespondFn, webApi } from '@slack/bolt';
import { CHART_NAMES } from '../../domain/charts.js';
import { DEFAULT_ALERT_TYPES } from '../../store/settings-store.js';
import type { AdapterDeps } from '../adapter.js';
import { guarded, runCommand, runOptions, settle } from './handlers.js';
import { registerHome } from './home-handlers.js';
import { isDmChannel, slackInvocation, type SlackOrigin } from './invocation.js';
import { readSetupSubmission, resultModal, SETUP_CALLBACK, setupModal } from './modal.js';
import { NAMESPACE, namespacedReply, replyText, splitNamespaced, unknownSubcommand } from './namespaced.js';

/** Slack waits 3 s for a view_submission's ack; the answer goes in the ack when it is ready by then. */
const SUBMIT_DEADLINE_MS = 2_500;

/**
 * Opens the setup modal with the command's trigger_id (valid 3 s, once), checked as the channel
 * has it now (or the defaults). When Slack refuses (an expired trigger), the person is told what to type instead.
 */
async function openSetup(deps: AdapterDeps, client: webApi.WebClient, triggerId: string, origin: SlackOrigin, respond: RespondFn): Promise<void> {
  const current = await deps.services.settings.alertsFor(slackInvocation(origin, false).channel);
  const view = setupModal(origin, current ?? { types: DEFAULT_ALERT_TYPES, charts: CHART_NAMES });
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    const why = (error as { data?: { error?: string } }).data?.error ?? 'error';
    deps.logger.warn({ err: error, why }, 'slack: views.open refused the alerts setup form');
    await respond({
      response_type: 'ephemeral',
      text: `Could not open the setup form (${why}). Type it instead: ${NAMESPACE} alerts setup types:new_leader,streak charts:daily,weekly`,
    }).catch((again: unknown) => deps.logger.error({ err: again }, 'slack: response_url refused the answer'));
  }
}

/** Races `work` against Slack's ack deadline: its result, or null when it is still running. */
function byDeadline<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `/rankwatch <subcommand> [args]` for every registry command; `/rankwatch alerts setup` with no
 * lists opens a modal whose submission runs `/alerts setup` through the same dispatch (so its
 * permission checks apply). Replies name commands as `/rankwatch …`. Also the App Home tab and
 * unfurls (home-handlers.ts).
 */
export function registerNative(app: App, deps: AdapterDeps): void {
  const names = new Set(deps.commands.keys());
  app.command(NAMESPACE, async ({ command, ack, respond, client }) => {
    await ack();
    const origin: SlackOrigin = { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id, channelName: command.channel_name };
    const call = splitNamespaced(command.text ?? '', names);
    if ('unknown' in call) return guarded(deps, NAMESPACE, respond, async () => unknownSubcommand(call.unknown, names));
    if (call.name === 'alerts' && /^setup$/i.test(call.text.trim()) && !isDmChannel(origin.channelId)) {
      return openSetup(deps, client, command.trigger_id, origin, respond);
    }
    const what = `${NAMESPACE} ${call.name}`;
    await guarded(deps, what, respond, async () => namespacedReply(await runCommand(deps, call.name, call.text, origin, client), names), { client, channelId: command.channel_id });
  });

  app.view(SETUP_CALLBACK, async ({ ack, body, view, client }) => {
    const submitted = readSetupSubmission(view);
    if (!submitted.ok) return void (await ack({ response_action: 'errors', errors: submitted.errors }));
    // Who submitted comes from Slack's payload, never from the form's metadata.
    const origin: SlackOrigin = { ...submitted.origin, userId: body.user.id, teamId: body.team?.id ?? body.user.team_id ?? submitted.origin.teamId };
    const what = `${NAMESPACE} alerts setup (form)`;
    const work = settle(deps, what, async () => namespacedReply(await runOptions(deps, 'alerts', submitted.options, origin, client), names));
    const reply = await byDeadline(work, SUBMIT_DEADLINE_MS);
    if (reply) return void (await ack({ response_action: 'update', view: resultModal(replyText(reply)) }));
    // Too slow for the ack: the form closes, and the answer follows privately in the channel.
    await ack();
    const late = await work;
    await client.chat
      .postEphemeral({ channel: origin.channelId, user: origin.userId, text: replyText(late) })
      .catch((error: unknown) => deps.logger.error({ err: error, what }, 'slack: could not post the setup answer'));
  });

  registerHome(app, deps, names);
}
