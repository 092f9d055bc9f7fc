// Surfaces of the fake Slack beyond messages: modals (views.open/update with trigger_id expiry),
// App Home tabs (views.publish) and link unfurls (chat.unfurl), with Slack's limits and error shapes.
// Limits: docs.slack.dev reference (views.open, views.publish, chat.unfurl, view object): 100 blocks in a
// modal or Home tab, title/submit/close plain_text <= 24, callback_id <= 255, private_metadata <= 3000;
// a trigger_id works once, within 3 s.
import { checkBlocks } from './blocks.js';
import type { MethodCtx, MethodResult } from './chat.js';
import { platformError } from './chat.js';
import { mintId, str } from './http-util.js';

export const VIEW_BLOCKS = 100;
export const TRIGGER_TTL_MS = 3000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RecordedView {
  id: string;
  user: string;
  type: 'modal' | 'home';
  view: Obj;
  /** Set when the modal was closed (a submission acked without a response_action, or Cancel). */
  closed?: boolean;
  /** Earlier versions (views.update, response_action: update, views.publish again). */
  history: Obj[];
}

export interface RecordedUnfurl {
  channel?: string;
  ts?: string;
  unfurlId?: string;
  source?: string;
  unfurls: Record<string, Obj>;
}

/** Links shared in a message, as a link_shared event announced them: what chat.unfurl may unfurl. */
export interface SharedLinks {
  channel: string;
  ts: string;
  unfurlId: string;
  source: string;
  urls: string[];
}

export class Surfaces {
  readonly triggers = new Map<string, { issuedAt: number; used: boolean; user?: string }>();
  readonly views = new Map<string, RecordedView>();
  readonly unfurls: RecordedUnfurl[] = [];
  readonly shared: SharedLinks[] = [];

  /** The newest Home view published for a user. */
  home(user: string): RecordedView | undefined {
    return [...this.views.values()].find((v) => v.type === 'home' && v.user === user);
  }

  modals(user?: string): RecordedView[] {
    return [...this.views.values()].filter((v) => v.type === 'modal' && (user === undefined || v.user === user));
  }
}

const invalid = (errors: string[]): MethodResult => ({
  body: { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } },
});

/** Checks a view object as Slack does; returns errors with json-pointers under /view. */
export function checkView(view: unknown, want: 'modal' | 'home'): string[] {
  if (!isObj(view)) return ['must provide an object [json-pointer:/view]'];
  const errors: string[] = [];
  if (view.type !== want) errors.push(`must be ${want} [json-pointer:/view/type]`);
  const plain24 = (key: string, required: boolean) => {
    const t = view[key];
    if (t === undefined) return void (required && errors.push(`missing required field: ${key} [json-pointer:/view]`));
    if (!isObj(t) || t.type !== 'plain_text' || typeof t.text !== 'string') return void errors.push(`must be a plain_text object [json-pointer:/view/${key}]`);
    if (t.text.length > 24) errors.push(`must be less than 25 characters [json-pointer:/view/${key}/text]`);
  };
  if (want === 'modal') {
    plain24('title', true);
    plain24('submit', false);
    plain24('close', false);
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) errors.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  if (!Array.isArray(view.blocks)) return [...errors, 'missing required field: blocks [json-pointer:/view]'];
  const blocks = view.blocks as unknown[];
  const hasInput = blocks.some((b) => isObj(b) && b.type === 'input');
  if (want === 'modal' && hasInput && view.submit === undefined) errors.push('must provide submit when the view has input blocks [json-pointer:/view/submit]');
  errors.push(...checkBlocks(blocks, VIEW_BLOCKS).errors.map((e) => e.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks')));
  return errors;
}

/** A trigger_id works once, within 3 s of the interaction that carried it. */
function takeTrigger(ctx: MethodCtx): { user?: string } | MethodResult {
  const id = str(ctx.fields.trigger_id);
  if (!id) return platformError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
  const t = ctx.state.surfaces.triggers.get(id);
  if (!t) return platformError('invalid_trigger_id');
  if (t.used) return platformError('exchanged_trigger_id');
  if (ctx.state.now() - t.issuedAt > TRIGGER_TTL_MS) return platformError('expired_trigger_id');
  t.used = true;
  return { user: t.user };
}

const viewJson = (ctx: MethodCtx, v: RecordedView): Obj => ({
  id: v.id,
  team_id: ctx.state.teamId,
  app_id: ctx.state.appId,
  bot_id: ctx.state.botId,
  hash: `${Math.floor(ctx.state.now() / 1000)}.${v.id}`,
  state: { values: {} },
  ...v.view,
});

export function viewsOpen(ctx: MethodCtx): MethodResult {
  if (ctx.badJson.includes('view')) return platformError('invalid_arguments');
  const trigger = takeTrigger(ctx);
  if ('body' in trigger) return trigger;
  const errors = checkView(ctx.fields.view, 'modal');
  if (errors.length) return invalid(errors);
  const rec: RecordedView = { id: mintId('V', 10), user: trigger.user ?? '', type: 'modal', view: ctx.fields.view as Obj, history: [] };
  ctx.state.surfaces.views.set(rec.id, rec);
  return { body: { ok: true, view: viewJson(ctx, rec) } };
}

export function viewsUpdate(ctx: MethodCtx): MethodResult {
  const rec = ctx.state.surfaces.views.get(str(ctx.fields.view_id) ?? '');
  if (!rec || rec.closed) return platformError('not_found');
  const errors = checkView(ctx.fields.view, rec.type);
  if (errors.length) return invalid(errors);
  rec.history.push(rec.view);
  rec.view = ctx.fields.view as Obj;
  return { body: { ok: true, view: viewJson(ctx, rec) } };
}

export function viewsPublish(ctx: MethodCtx): MethodResult {
  const user = str(ctx.fields.user_id);
  if (!user || !ctx.state.userFor(user, ctx.grant)) return platformError('user_not_found');
  if (ctx.badJson.includes('view')) return platformError('invalid_arguments');
  const errors = checkView(ctx.fields.view, 'home');
  if (errors.length) return invalid(errors);
  const surfaces = ctx.state.surfaces;
  const rec = surfaces.home(user) ?? { id: mintId('V', 10), user, type: 'home' as const, view: {}, history: [] };
  if (surfaces.views.has(rec.id)) rec.history.push(rec.view);
  rec.view = ctx.fields.view as Obj;
  surfaces.views.set(rec.id, rec);
  return { body: { ok: true, view: viewJson(ctx, rec) } };
}

/** chat.unfurl: by channel + ts, or unfurl_id + source; only URLs a link_shared event announced. */
export function chatUnfurl(ctx: MethodCtx): MethodResult {
  const { fields, state } = ctx;
  if (ctx.badJson.includes('unfurls') || !isObj(fields.unfurls)) return platformError('invalid_unfurls_format');
  const [channel, ts, unfurlId, source] = [str(fields.channel), str(fields.ts), str(fields.unfurl_id), str(fields.source)];
  const shared = state.surfaces.shared.find((s) => (unfurlId && source ? s.unfurlId === unfurlId && s.source === source : s.channel === channel && s.ts === ts));
  if (!shared) return platformError(unfurlId ? 'invalid_unfurl_id' : !channel || !state.resolveChannel(channel, ctx.grant) ? 'channel_not_found' : 'message_not_found');
  const unfurls = fields.unfurls;
  for (const [url, card] of Object.entries(unfurls)) {
    if (!shared.urls.includes(url)) return platformError('cannot_unfurl_url');
    if (!isObj(card) || !Array.isArray(card.blocks)) return platformError('invalid_unfurls_format');
    const errors = checkBlocks(card.blocks).errors;
    if (errors.length) return { body: { ok: false, error: 'invalid_blocks', errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } } };
  }
  state.surfaces.unfurls.push({ channel, ts, unfurlId, source, unfurls: unfurls as Record<string, Obj> });
  return { body: { ok: true } };
}
