// OAuth v2 of the fake Slack: the consent page (GET /oauth/v2/authorize) and oauth.v2.access.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { platformError, type MethodResult } from './chat.js';
import { mintSecret, sendText, str } from './http-util.js';
import type { Grant, SlackState } from './state.js';

/**
 * The consent page, as if the person clicked "Allow" at once: a 302 back to `redirect_uri` with a
 * one-time `code` and the `state` untouched. `team` picks the workspace (Slack's own parameter;
 * default the main one); `org=E…` (a stand-in hint for tests) makes it an org-wide install.
 * A refused request answers 400 with Slack's error name, as the real page shows an error.
 */
export function handleAuthorize(state: SlackState, query: Record<string, string>, res: ServerResponse): number {
  const refuse = (error: string) => {
    sendText(res, 400, error);
    return 400;
  };
  if (query.client_id !== state.clientId) return refuse('invalid_client_id');
  if (!query.scope) return refuse('invalid_scope');
  const redirectUri = query.redirect_uri;
  if (!redirectUri) return refuse('bad_redirect_uri');
  const declared = state.options.redirectUrls;
  if (declared && !declared.includes(redirectUri)) return refuse('bad_redirect_uri');
  let grant: Grant;
  if (query.org) {
    if (![...state.teams.values()].some((t) => t.enterpriseId === query.org)) return refuse('org_not_found');
    grant = { enterpriseId: query.org, scopes: query.scope.split(',') };
  } else {
    const team = state.teams.get(query.team ?? state.teamId);
    if (!team) return refuse('team_not_found');
    grant = { teamId: team.id, scopes: query.scope.split(',') };
  }
  const code = `${Date.now()}.${mintSecret(32)}`;
  const user = [...state.users.values()].find((u) => !u.isBot && (!grant.teamId || state.userTeams.get(u.id) === grant.teamId))?.id ?? 'U0INSTALLER';
  state.codes.set(code, { grant, redirectUri, user, used: false });
  const back = new URL(redirectUri);
  back.searchParams.set('code', code);
  if (query.state !== undefined) back.searchParams.set('state', query.state);
  res.writeHead(302, { location: back.toString() }).end();
  return 302;
}

/** Client credentials from the form fields or HTTP Basic auth, as Slack accepts both. */
function credentials(headers: IncomingHttpHeaders, fields: Record<string, unknown>): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { id, secret };
  }
  return { id: str(fields.client_id), secret: str(fields.client_secret) };
}

/** oauth.v2.access: exchanges a one-time code for the installation's bot token. */
export function oauthAccess(state: SlackState, headers: IncomingHttpHeaders, fields: Record<string, unknown>): MethodResult {
  const { id, secret } = credentials(headers, fields);
  if (id !== state.clientId) return platformError('invalid_client_id');
  if (secret !== state.clientSecret) return platformError('bad_client_secret');
  const code = state.codes.get(str(fields.code) ?? '');
  if (!code || code.used) return platformError('invalid_code');
  if (code.redirectUri !== undefined && str(fields.redirect_uri) !== code.redirectUri) return platformError('bad_redirect_uri');
  code.used = true;
  const { grant } = code;
  const token = state.grantToken(grant);
  const team = grant.teamId ? state.teams.get(grant.teamId) : undefined;
  const orgId = grant.enterpriseId ?? team?.enterpriseId;
  const orgName = [...state.teams.values()].find((t) => t.enterpriseId === orgId)?.enterpriseName;
  return {
    body: {
      ok: true,
      app_id: state.appId,
      authed_user: { id: code.user },
      scope: grant.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: state.botUserId,
      team: team ? { id: team.id, name: team.name } : null,
      enterprise: orgId ? { id: orgId, name: orgName ?? orgId } : null,
      is_enterprise_install: !grant.teamId,
    },
  };
}
