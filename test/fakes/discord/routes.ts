// Route table of the fake Discord REST API (paths are versionless: `/channels/:id/messages`).
import { ERR, apiError, noContent, ok, type Reply } from './http.js';
import { compileRoutes, route, type Ctx, type RouteDef } from './router.js';
import { validateMessage } from './validate.js';
import { validateCommand, validateCommandList } from './validate-commands.js';
import { webhookRoutes } from './routes-webhooks.js';
import { messageRefusal, threadRoutes } from './threads.js';
import { snowflake, type Json } from './types.js';

const byChannel = (p: Record<string, string>) => p.channel!;
const byGuild = (p: Record<string, string>) => p.guild ?? 'global';

function appGuard(ctx: Ctx): Reply | undefined {
  if (ctx.params.app !== ctx.state.applicationId) return ERR.missingAccess();
  if (ctx.params.guild && !ctx.state.guilds.has(ctx.params.guild)) return ERR.missingAccess();
  return undefined;
}

function toStoredCommand(ctx: Ctx, cmd: Json, previous: Json[]): Json {
  const type = cmd.type ?? 1;
  const prev = previous.find((c) => c.name === cmd.name && c.type === type);
  return {
    id: prev?.id ?? snowflake(), application_id: ctx.state.applicationId, version: snowflake(),
    default_member_permissions: cmd.default_member_permissions ?? null, type, name: cmd.name,
    name_localizations: cmd.name_localizations ?? null, description: cmd.description ?? '',
    description_localizations: cmd.description_localizations ?? null,
    ...(ctx.params.guild ? { guild_id: ctx.params.guild } : {}),
    ...(Array.isArray(cmd.options) && cmd.options.length ? { options: cmd.options } : {}),
    nsfw: cmd.nsfw ?? false, contexts: cmd.contexts ?? null, integration_types: cmd.integration_types ?? [0],
    dm_permission: cmd.dm_permission ?? true,
  };
}

function commandRoutes(prefix: string): RouteDef[] {
  const scope = (ctx: Ctx) => ctx.params.guild ?? 'global';
  const list = (ctx: Ctx) => ctx.state.commands.get(scope(ctx)) ?? [];
  const find = (ctx: Ctx) => list(ctx).find((c) => c.id === ctx.params.command);
  const o = { major: byGuild };
  return [
    route('GET', prefix, (ctx) => appGuard(ctx) ?? ok(list(ctx)), o),
    route('PUT', prefix, (ctx) => {
      const err = appGuard(ctx) ?? validateCommandList(ctx.body);
      if (err) return err;
      const stored = (ctx.body as Json[]).map((c) => toStoredCommand(ctx, c, list(ctx)));
      ctx.state.commands.set(scope(ctx), stored);
      return ok(stored);
    }, o),
    route('POST', prefix, (ctx) => {
      const err = appGuard(ctx) ?? validateCommand(ctx.body);
      if (err) return err;
      const old = list(ctx);
      const cmd = toStoredCommand(ctx, ctx.body as Json, old);
      const existed = old.some((c) => c.id === cmd.id);
      ctx.state.commands.set(scope(ctx), [...old.filter((c) => c.id !== cmd.id), cmd]);
      return ok(cmd, existed ? 200 : 201);
    }, o),
    route('GET', `${prefix}/:command`, (ctx) => appGuard(ctx) ?? (find(ctx) ? ok(find(ctx)) : ERR.unknownCommand()), o),
    route('PATCH', `${prefix}/:command`, (ctx) => {
      const cur = find(ctx);
      if (!cur) return appGuard(ctx) ?? ERR.unknownCommand();
      const merged = { ...cur, ...(ctx.body as Json) };
      const err = validateCommand(merged);
      if (err) return err;
      const cmd = { ...toStoredCommand(ctx, merged, [cur]), id: cur.id };
      ctx.state.commands.set(scope(ctx), list(ctx).map((c) => (c.id === cur.id ? cmd : c)));
      return ok(cmd);
    }, o),
    route('DELETE', `${prefix}/:command`, (ctx) => {
      if (!find(ctx)) return appGuard(ctx) ?? ERR.unknownCommand();
      ctx.state.commands.set(scope(ctx), list(ctx).filter((c) => c.id !== ctx.params.command));
      return noContent();
    }, o),
  ];
}

function channelRoutes(): RouteDef[] {
  const o = { major: byChannel };
  const guard = (ctx: Ctx) => ctx.state.channelGuard(ctx.params.channel!);
  const findMsg = (ctx: Ctx) => ctx.state.findMessage(ctx.params.channel!, ctx.params.message!);
  return [
    route('GET', '/channels/:channel', (ctx) => guard(ctx) ?? ok(ctx.state.channels.get(ctx.params.channel!)), o),
    route('POST', '/channels/:channel/messages', (ctx) => {
      const err = guard(ctx) ?? ctx.state.postGuard(ctx.params.channel!, (ctx.files?.length ?? 0) > 0) ?? validateMessage(ctx.body, ctx.files, 'create') ?? messageRefusal(ctx.state.channels.get(ctx.params.channel!));
      if (err) return err;
      const body = (ctx.body ?? {}) as Json;
      if (body.enforce_nonce && body.nonce !== undefined && body.nonce !== null) {
        const existing = ctx.state.nonceHit(ctx.params.channel!, body.nonce);
        if (existing) return ok(existing);
      }
      return ok(ctx.state.createMessage(ctx.params.channel!, body, ctx.files));
    }, { ...o, bucket: 'channelMessages' }),
    route('GET', '/channels/:channel/messages', (ctx) => {
      const err = guard(ctx);
      if (err) return err;
      const limit = Math.min(Number(ctx.query.limit ?? 50), 100);
      return ok([...(ctx.state.channelMessages.get(ctx.params.channel!) ?? [])].reverse().slice(0, limit));
    }, o),
    route('GET', '/channels/:channel/messages/:message', (ctx) => guard(ctx) ?? (findMsg(ctx) ? ok(findMsg(ctx)) : ERR.unknownMessage()), o),
    route('PATCH', '/channels/:channel/messages/:message', (ctx) => {
      const msg = findMsg(ctx);
      const err = guard(ctx) ?? (msg ? validateMessage(ctx.body, ctx.files, 'edit') : ERR.unknownMessage());
      return err ?? ok(ctx.state.editMessage(msg!, (ctx.body ?? {}) as Json, ctx.files));
    }, o),
    route('DELETE', '/channels/:channel/messages/:message', (ctx) => {
      const msg = findMsg(ctx);
      const err = guard(ctx) ?? (msg ? undefined : ERR.unknownMessage());
      if (err) return err;
      ctx.state.deleteMessage(msg!);
      return noContent();
    }, o),
    route('POST', '/channels/:channel/typing', (ctx) => guard(ctx) ?? noContent(), o),
  ];
}

function miscRoutes(): RouteDef[] {
  const app = (ctx: Ctx) => ({
    id: ctx.state.applicationId, name: ctx.state.botUser.username, icon: null, description: '', bot_public: true,
    bot_require_code_grant: false, flags: 0, bot: ctx.state.botUser, owner: { id: snowflake(), username: 'owner', discriminator: '0', avatar: null },
    verify_key: '0'.repeat(64), team: null, summary: '',
  });
  return [
    route('GET', '/gateway', (ctx) => ok({ url: ctx.gateway.url }), { auth: false }),
    route('GET', '/gateway/bot', (ctx) =>
      ok({
        url: ctx.gateway.url, shards: ctx.gateway.requiredShards,
        session_start_limit: { total: 1000, remaining: Math.max(0, ctx.gateway.sessionStarts - ctx.gateway.identifies), reset_after: 86_400_000, max_concurrency: ctx.gateway.maxConcurrency },
      })),
    route('GET', '/users/@me', (ctx) => ok({ ...ctx.state.botUser, bot: true, verified: true, flags: 0, mfa_enabled: false })),
    route('GET', '/applications/@me', (ctx) => ok(app(ctx))),
    route('GET', '/oauth2/applications/@me', (ctx) => ok(app(ctx))),
    route('POST', '/users/@me/channels', (ctx) => {
      const rid = (ctx.body as Json | undefined)?.recipient_id;
      if (!/^\d{17,19}$/.test(String(rid ?? ''))) {
        return apiError(400, 50035, 'Invalid Form Body', { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${String(rid)}" is not snowflake.` }] } });
      }
      return ok(ctx.state.openDm(String(rid)));
    }),
  ];
}

export const ROUTES: RouteDef[] = [
  ...miscRoutes(),
  ...commandRoutes('/applications/:app/commands'),
  ...commandRoutes('/applications/:app/guilds/:guild/commands'),
  ...channelRoutes(),
  ...threadRoutes(),
  ...webhookRoutes(),
];

export const matchRoute = compileRoutes(ROUTES);
