// Inbound payloads for the surfaces in views.ts: app_home_opened and link_shared events, a click
// on a Home tab button, a modal's view_submission; and applying a submission's ack to the modal.
import { mintSecret } from './http-util.js';
import { VERIFICATION_TOKEN } from './payloads.js';
import type { SlackState } from './state.js';
import { checkView, type RecordedView } from './views.js';

type Obj = Record<string, unknown>;

const userOf = (state: SlackState, userId: string) => ({ id: userId, username: state.users.get(userId)?.name ?? 'user', name: state.users.get(userId)?.name ?? 'user', team_id: state.teamId });

/** `app_home_opened` on the Home tab; `channel` is the app's DM with the user, as on Slack. */
export function homeOpenedEvent(state: SlackState, userId: string): Obj {
  const dm = state.openDm([userId]);
  const home = state.surfaces.home(userId);
  return { type: 'app_home_opened', user: userId, channel: dm.id, tab: 'home', ...(home ? { view: { id: home.id, type: 'home', ...home.view } } : {}) };
}

/**
 * A person posts `urls` in a channel (the message gets a ts; it is not one of the bot's messages):
 * the `link_shared` event for the URLs of the app's unfurl domains, which chat.unfurl may answer.
 */
export function linkSharedEvent(state: SlackState, input: { channel: string; user: string; urls: string[]; domain?: string }): Obj {
  const domain = input.domain ?? 'openrouter.ai';
  const ts = state.tsMinter.next();
  const unfurlId = `C-${mintSecret(12)}`;
  const source = 'conversations_history';
  const links = input.urls.filter((u) => new URL(u).hostname.endsWith(domain)).map((url) => ({ domain, url }));
  state.surfaces.shared.push({ channel: input.channel, ts, unfurlId, source, urls: links.map((l) => l.url) });
  return { type: 'link_shared', channel: input.channel, is_bot_user_member: true, user: input.user, message_ts: ts, unfurl_id: unfurlId, source, links };
}

/** A click on a button of the user's Home tab: block_actions from a view, no channel, no response_url. */
export function homeActionPayload(state: SlackState, input: { user: string; action_id: string; value?: string; block_id?: string }): Obj {
  const home = state.surfaces.home(input.user);
  if (!home) throw new Error(`fake slack: ${input.user} has no Home view to click in`);
  return {
    type: 'block_actions',
    user: userOf(state, input.user),
    api_app_id: state.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'view', view_id: home.id },
    trigger_id: state.triggerId(input.user),
    team: { id: state.teamId, domain: state.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: home.id, team_id: state.teamId, type: 'home', state: { values: {} }, hash: `h.${home.id}`, app_id: state.appId, bot_id: state.botId, ...home.view },
    actions: [{ action_id: input.action_id, block_id: input.block_id ?? 'home', type: 'button', ...(input.value !== undefined ? { value: input.value } : {}), action_ts: (state.now() / 1000).toFixed(6) }],
  };
}

/**
 * Submitting the open modal `view` with its checkboxes set to `checked` (action_id → values, in every
 * block holding that action): the view_submission payload with `view.state.values` as Slack builds it.
 */
export function viewSubmissionPayload(state: SlackState, modal: RecordedView, checked: Record<string, string[]>): Obj {
  const values: Record<string, Record<string, Obj>> = {};
  for (const block of (modal.view.blocks as Obj[]) ?? []) {
    const element = block.element as Obj | undefined;
    if (block.type !== 'input' || !element || element.type !== 'checkboxes') continue;
    const wanted = checked[element.action_id as string] ?? [];
    const options = (element.options as Obj[]).filter((o) => wanted.includes(o.value as string));
    values[block.block_id as string] = { [element.action_id as string]: { type: 'checkboxes', selected_options: options } };
  }
  return {
    type: 'view_submission',
    team: { id: state.teamId, domain: state.teamDomain },
    user: userOf(state, modal.user),
    api_app_id: state.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: state.triggerId(modal.user),
    view: { id: modal.id, team_id: state.teamId, app_id: state.appId, bot_id: state.botId, state: { values }, hash: `h.${modal.id}`, ...modal.view },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/**
 * What Slack does with a view_submission's ack: no payload closes the modal, `update` replaces
 * it (checked like views.update), `errors` keeps it open with the messages. Returns the problem, if any.
 */
export function applySubmissionAck(modal: RecordedView, ack: Obj | undefined): string | undefined {
  if (!ack || ack.response_action === undefined) return void (modal.closed = true);
  if (ack.response_action === 'errors') return undefined;
  if (ack.response_action === 'clear') return void (modal.closed = true);
  if (ack.response_action !== 'update' && ack.response_action !== 'push') return `unknown response_action ${String(ack.response_action)}`;
  const errors = checkView(ack.view, 'modal');
  if (errors.length) return errors.join('; ');
  modal.history.push(modal.view);
  modal.view = ack.view as Obj;
  return undefined;
}
