// Token-authenticated routes: interaction callbacks, webhooks and interaction follow-ups.
import { ERR, noContent, ok, type Reply } from './http.js';
import { validateMessage } from './validate.js';
import { route, type Ctx, type RouteDef } from './router.js';
import type { FakeWebhook } from './state.js';
import type { InteractionRecord } from './interactions.js';
import type { FakeMessage, FakeUser, Json } from './types.js';

const LOADING = 128;

type Target = { hook: FakeWebhook; rec?: undefined } | { rec: InteractionRecord; hook?: undefined };

/** Resolve `/webhooks/:webhook/:token` to a channel webhook or an interaction's follow-up webhook. */
function target(ctx: Ctx): Target | Reply {
  const { webhook: id, token } = ctx.params as { webhook: string; token: string };
  const hook = ctx.state.webhooks.get(id);
  if (hook) {
    if (ctx.state.deletedChannels.has(hook.channel_id)) return ERR.unknownWebhook();
    return hook.token === token ? { hook } : ERR.invalidWebhookToken();
  }
  const rec = ctx.interactions.forToken(id, token);
  return rec ? { rec } : ERR.unknownWebhook();
}

const isReply = (t: Target | Reply): t is Reply => 'status' in t;

function findMessage(ctx: Ctx, t: Target): FakeMessage | undefined {
  const mid = ctx.params.message!;
  if (t.rec) {
    if (mid === '@original') return t.rec.original;
    return t.rec.original?.id === mid ? t.rec.original : t.rec.followUps.find((m) => m.id === mid);
  }
  if (mid === '@original') return undefined;
  return ctx.state.webhookMessages.get(t.hook.id)?.find((m) => m.id === mid);
}

function webhookAuthor(hook: FakeWebhook, body: Json): FakeUser {
  return { id: hook.id, username: body.username ?? hook.name, avatar: null, discriminator: '0000', bot: true, global_name: null };
}

export function webhookRoutes(): RouteDef[] {
  const tokenOnly = { auth: false, major: (p: Record<string, string>) => `${p.webhook}/${p.token}` };
  const base = '/webhooks/:webhook/:token';
  const msgPath = `${base}/messages/:message`;
  return [
    route('POST', '/interactions/:interaction/:token/callback',
      (ctx) => ctx.interactions.callback(ctx.params.interaction!, ctx.params.token!, ctx.body, ctx.files, ctx.query),
      { auth: false, major: (p) => p.interaction! }),

    // Execute webhook / create interaction follow-up.
    route('POST', base, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      const body = (ctx.body ?? {}) as Json;
      const err = validateMessage(ctx.body, ctx.files, t.hook ? 'webhook' : 'followup');
      if (err) return err;
      if (t.rec) return ok(ctx.interactions.postMessage(t.rec, body, ctx.files));
      if (ctx.state.deniedChannels.has(t.hook.channel_id)) return ERR.missingAccess();
      const msg = ctx.state.createMessage(t.hook.channel_id, body, ctx.files, { webhook_id: t.hook.id, author: webhookAuthor(t.hook, body) });
      return ctx.query.wait === 'true' ? ok(msg) : noContent();
    }, { ...tokenOnly, bucket: 'webhookExecute' }),

    route('GET', base, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      return t.hook ? ok(ctx.state.webhookObject(t.hook)) : ERR.unknownWebhook();
    }, tokenOnly),
    route('PATCH', base, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      if (!t.hook) return ERR.unknownWebhook();
      const body = (ctx.body ?? {}) as Json;
      if (typeof body.name === 'string') t.hook.name = body.name;
      return ok(ctx.state.webhookObject(t.hook));
    }, tokenOnly),
    route('DELETE', base, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      if (!t.hook) return ERR.unknownWebhook();
      ctx.state.webhooks.delete(t.hook.id);
      return noContent();
    }, tokenOnly),

    route('GET', msgPath, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      const msg = findMessage(ctx, t);
      return msg ? ok(msg) : ERR.unknownMessage();
    }, tokenOnly),
    route('PATCH', msgPath, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      const msg = findMessage(ctx, t);
      if (!msg) return ERR.unknownMessage();
      const err = validateMessage(ctx.body, ctx.files, 'edit');
      if (err) return err;
      ctx.state.editMessage(msg, (ctx.body ?? {}) as Json, ctx.files);
      msg.flags &= ~LOADING;
      return ok(msg);
    }, tokenOnly),
    route('DELETE', msgPath, (ctx) => {
      const t = target(ctx);
      if (isReply(t)) return t;
      const msg = findMessage(ctx, t);
      if (!msg) return ERR.unknownMessage();
      ctx.state.deleteMessage(msg);
      if (t.rec) {
        if (t.rec.original === msg) t.rec.original = undefined;
        t.rec.followUps = t.rec.followUps.filter((m) => m !== msg);
      }
      return noContent();
    }, tokenOnly),
  ];
}
