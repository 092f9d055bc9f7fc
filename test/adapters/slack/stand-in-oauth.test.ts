// The Slack stand-in's OAuth, held to what real Slack enforces: codes are one-time, the client
// secret and redirect URL must match, auth.test answers for the token's own workspace, and a token
// reaches only its own workspace's channels (another's is channel_not_found).
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';

const REDIRECT = 'https://bot.example.com/slack/oauth_redirect';
let fake: FakeSlack;
afterEach(async () => fake?.close());

const api = async (method: string, fields: Record<string, string>, token?: string) =>
  (await (await fetch(`${fake.url}${method}`, { method: 'POST', body: new URLSearchParams(fields), headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as Record<string, unknown>;

async function code(params: Record<string, string>): Promise<Response> {
  const q = new URLSearchParams({ client_id: fake.clientId, scope: 'commands,chat:write', redirect_uri: REDIRECT, state: 'st', ...params });
  return fetch(`${fake.baseUrl}/oauth/v2/authorize?${q}`, { redirect: 'manual' });
}
const codeOf = (res: Response) => new URL(res.headers.get('location')!).searchParams.get('code')!;

describe('the Slack stand-in, OAuth', () => {
  it('redirects back with a code and the state untouched, and exchanges each code once', async () => {
    fake = await startFakeSlack({ workspaces: [{ teamId: 'T0BETA0001', teamName: 'Beta' }], redirectUrls: [REDIRECT] });
    const res = await code({ team: 'T0BETA0001' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st');
    const fields = { client_id: fake.clientId, client_secret: fake.clientSecret, code: codeOf(res), redirect_uri: REDIRECT };
    const ok = await api('oauth.v2.access', fields);
    expect(ok).toMatchObject({ ok: true, token_type: 'bot', scope: 'commands,chat:write', team: { id: 'T0BETA0001', name: 'Beta' }, enterprise: null, is_enterprise_install: false });
    expect(await api('oauth.v2.access', fields)).toEqual({ ok: false, error: 'invalid_code' });
    expect(await api('auth.test', {}, String(ok.access_token))).toMatchObject({ ok: true, team_id: 'T0BETA0001', team: 'Beta' });
    expect(await api('auth.test', {}, fake.botToken)).toMatchObject({ ok: true, team_id: fake.teamId });
  });

  it('refuses a wrong client secret, a redirect URL the app does not declare, and another redirect URL at exchange', async () => {
    fake = await startFakeSlack({ redirectUrls: [REDIRECT] });
    const first = codeOf(await code({}));
    expect(await api('oauth.v2.access', { client_id: fake.clientId, client_secret: 'nope', code: first, redirect_uri: REDIRECT })).toEqual({ ok: false, error: 'bad_client_secret' });
    expect(await api('oauth.v2.access', { client_id: fake.clientId, client_secret: fake.clientSecret, code: first, redirect_uri: 'https://evil.example/cb' })).toEqual({ ok: false, error: 'bad_redirect_uri' });
    const undeclared = await code({ redirect_uri: 'https://evil.example/cb' });
    expect(undeclared.status).toBe(400);
    expect(await undeclared.text()).toBe('bad_redirect_uri');
  });

  it("answers channel_not_found to one workspace's token for another workspace's channel, and token_revoked once uninstalled", async () => {
    fake = await startFakeSlack({ workspaces: [{ teamId: 'T0BETA0001', channels: [{ id: 'C0BETA0001', name: 'general' }] }] });
    const beta = String((await api('oauth.v2.access', { client_id: fake.clientId, client_secret: fake.clientSecret, code: codeOf(await code({ team: 'T0BETA0001' })), redirect_uri: REDIRECT })).access_token);
    expect(await api('chat.postMessage', { channel: 'C0BETA0001', text: 'x' }, fake.botToken)).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await api('chat.postMessage', { channel: 'C0GENERAL1', text: 'x' }, beta)).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await api('chat.postMessage', { channel: 'C0BETA0001', text: 'x' }, beta)).toMatchObject({ ok: true });
    fake.uninstall('T0BETA0001');
    expect(await api('chat.postMessage', { channel: 'C0BETA0001', text: 'x' }, beta)).toEqual({ ok: false, error: 'token_revoked' });
  });
});
