// End to end, Slack installed by OAuth in many workspaces: the whole app (createApp from loadConfig)
// with SLACK_CLIENT_ID/SECRET, the real Bolt HTTPReceiver and InstallProvider on the app's one HTTP
// server, the installation store on the app's SQLite store, and the fake Slack serving the consent
// page, oauth.v2.access and a Web API that refuses one workspace's token for another's channel.
// Three workspaces: A (the fake's main one), B, and G inside the Enterprise Grid org E0GRID0001,
// installed org-wide. The steps build on each other, so they run in order.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody, startFakeSlack, type FakeSlack, type ResponseUrlPost, type SlashCommandInput } from '../fakes/slack/index.js';
import { ALPHA, BETA, EVIL, openRouterWorld, pollAndDeliver, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

const SECRET = 'oauth-signing-secret';
const TEAM_A = 'T0FAKETEAM';
const TEAM_B = 'T0BETATEAM';
const TEAM_G = 'T0GRIDTEAM';
const ORG = 'E0GRID0001';
const A_GENERAL = 'C0GENERAL1';
const B_GENERAL = 'C0BETAGEN1';
const G_GENERAL = 'C0GRIDGEN1';
const ALICE = 'U0ALICE001';
const CAROL = 'U0CAROL001';
const GRACE = 'U0GRACE001';

let world: OpenRouterWorld;
let fake: FakeSlack;
let e2e: E2eApp;
let base: string;
const tokens: Record<string, string> = {};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The message /alerts setup posts in the channel it sets up, for everyone to see. */
const CONFIRMATION = /^Alerts (set up|changed) here by /;
const alerts = (channel: string) => fake.messages(channel).filter((m) => m.via === 'chat.postMessage' && !CONFIRMATION.test(m.text ?? ''));
const confirmations = (channel: string) => fake.messages(channel).filter((m) => CONFIRMATION.test(m.text ?? ''));
const bearer = (r: { headers: Record<string, unknown> }) => String(r.headers.authorization ?? '').replace(/^Bearer /, '');
const post = (path: string, r: { headers: Record<string, string>; body: string }) => fetch(`${base}${path}`, { method: 'POST', headers: r.headers, body: r.body });

async function command(input: SlashCommandInput): Promise<ResponseUrlPost> {
  const signed = fake.signedSlashCommandRequest(SECRET, input);
  expect((await post('/slack/events', signed)).status).toBe(200);
  return (await fake.waitFor(() => fake.responses(signed.responseUrlId)[0]));
}

/** An admin's browser: /slack/install → Slack's consent page (for `pick`) → back to /slack/oauth_redirect with its cookie. */
async function install(pick: { team?: string; org?: string }): Promise<Response> {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const cookie = start.headers.get('set-cookie')!.split(';')[0];
  const consent = new URL(start.headers.get('location')!);
  for (const [k, v] of Object.entries(pick)) consent.searchParams.set(k, v);
  const allowed = await fetch(consent, { redirect: 'manual' });
  expect(allowed.status).toBe(302);
  return fetch(allowed.headers.get('location')!, { headers: { cookie }, redirect: 'manual' });
}

beforeAll(async () => {
  world = await openRouterWorld('Evil model');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  fake = await startFakeSlack({
    rateLimits: { postMessagePerChannel: false },
    users: [{ id: ALICE, name: 'alice', isAdmin: true }],
    workspaces: [
      { teamId: TEAM_B, teamName: 'Beta Co', channels: [{ id: B_GENERAL, name: 'general' }], users: [{ id: CAROL, name: 'carol', isAdmin: true }] },
      { teamId: TEAM_G, teamName: 'Grid Team', enterpriseId: ORG, enterpriseName: 'Grid Org', channels: [{ id: G_GENERAL, name: 'general' }], users: [{ id: GRACE, name: 'grace', isAdmin: true }] },
    ],
    redirectUrls: [`${base}/slack/oauth_redirect`],
  });
  e2e = await startApp(
    world,
    { SLACK_CLIENT_ID: fake.clientId, SLACK_CLIENT_SECRET: fake.clientSecret, SLACK_SIGNING_SECRET: SECRET, SLACK_STATE_SECRET: 'e2e-state-secret-0123456789abcdef', PUBLIC_URL: base, HTTP_PORT: String(port), SLACK_API_URL: fake.url },
    { paced: false },
  );
  await e2e.app.start({ schedule: false });
});

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

describe('rankwatch as a Slack app any workspace installs (OAuth), end to end', () => {
  it('makes no Web API call at start (no token yet), and answers a command from a workspace it is not installed in with how to install', async () => {
    expect(fake.requests.filter((r) => r.apiMethod)).toEqual([]);
    const signed = fake.signedSlashCommandRequest(SECRET, { command: '/leaderboard', team_id: TEAM_A, channel_id: A_GENERAL, user_id: ALICE });
    const res = await post('/slack/events', signed);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: `rankwatch is not installed in this workspace (or was removed). A workspace admin can install it at ${base}/slack/install` });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses(signed.responseUrlId)).toEqual([]);
    expect(fake.requests.filter((r) => r.apiMethod)).toEqual([]);
  });

  it("answers Slack's signed url_verification of the events URL with its challenge (the manifest's request URL)", async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'chal-123', type: 'url_verification' });
    const res = await post('/slack/events', { body, headers: { ...signBody(SECRET, body), 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('chal-123');
  });

  it('installs in workspace A and workspace B through /slack/install, each with its own bot token', async () => {
    const first = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const consent = new URL(first.headers.get('location')!);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${fake.baseUrl}/oauth/v2/authorize`);
    expect(consent.searchParams.get('client_id')).toBe(fake.clientId);
    expect(consent.searchParams.get('redirect_uri')).toBe(`${base}/slack/oauth_redirect`);
    expect(consent.searchParams.get('scope')).toContain('chat:write');
    expect(first.headers.get('set-cookie')).toContain(`slack-app-oauth-state=${consent.searchParams.get('state')}`);

    for (const team of [TEAM_A, TEAM_B]) {
      const done = await install({ team });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain(`rankwatch is installed in ${team === TEAM_A ? 'Fake Workspace' : 'Beta Co'}`);
      [tokens[team]] = fake.tokensOf(team);
    }
    expect(tokens[TEAM_A]).toMatch(/^xoxb-/);
    expect(tokens[TEAM_B]).toMatch(/^xoxb-/);
    expect(tokens[TEAM_A]).not.toBe(tokens[TEAM_B]);
    const stored = (await e2e.app.runtime.stores.settings.get(`slack-install:team:${TEAM_B}`)) as { bot: { token: string } };
    expect(stored.bot.token).toBe(tokens[TEAM_B]);
    // Bolt checks each new token with auth.test, made with that token.
    expect(fake.requests.filter((r) => r.apiMethod === 'auth.test').map(bearer)).toEqual([tokens[TEAM_A], tokens[TEAM_B]]);
  });

  it('installs org-wide in the Enterprise Grid org, stored once for the org', async () => {
    const done = await install({ org: ORG });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('rankwatch is installed in Grid Org');
    [tokens[ORG]] = fake.tokensOf(ORG);
    expect(await e2e.app.runtime.stores.settings.get(`slack-install:enterprise:${ORG}`)).toMatchObject({ isEnterpriseInstall: true, enterprise: { id: ORG } });
  });

  it('refuses a redirect with a missing, forged or cookie-less state, and never exchanges its code', async () => {
    const exchanges = () => fake.requests.filter((r) => r.apiMethod === 'oauth.v2.access').length;
    const before = exchanges();
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const cookie = start.headers.get('set-cookie')!.split(';')[0];
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const redirect = `${base}/slack/oauth_redirect`;
    const cases: [string, Record<string, string>][] = [
      [`${redirect}?code=c1`, { cookie }],
      [`${redirect}?code=c2&state=forged`, { cookie: 'slack-app-oauth-state=forged' }],
      [`${redirect}?code=c3&state=${state}`, {}],
      [`${redirect}?code=c4&state=${state}`, { cookie: 'slack-app-oauth-state=other' }],
    ];
    for (const [url, headers] of cases) {
      const res = await fetch(url, { headers, redirect: 'manual' });
      expect(res.status, url).toBe(400);
      expect(await res.text()).toContain('rankwatch was not installed');
    }
    expect(exchanges()).toBe(before);
  });

  it('answers commands from each workspace with that workspace\'s own token', async () => {
    const a = await command({ command: '/alerts', text: 'setup types:new_leader charts:daily', team_id: TEAM_A, channel_id: A_GENERAL, user_id: ALICE });
    const b = await command({ command: '/alerts', text: 'setup types:new_leader charts:daily', team_id: TEAM_B, channel_id: B_GENERAL, user_id: CAROL });
    const g = await command({ command: '/alerts', text: 'setup types:new_leader charts:daily', team_id: TEAM_G, channel_id: G_GENERAL, user_id: GRACE, is_enterprise_install: 'true' });
    for (const p of [a, b, g]) expect((p.body as { text: string }).text).toMatch(/^Alerts on for #general/);
    // Each channel's confirmation is posted with that workspace's own token.
    expect([A_GENERAL, B_GENERAL, G_GENERAL].map((c) => confirmations(c).map((m) => m.token))).toEqual([[tokens[TEAM_A]], [tokens[TEAM_B]], [tokens[ORG]]]);
    const lookups = fake.requests.filter((r) => r.apiMethod === 'users.info');
    expect(lookups.map((r) => [r.body.user, bearer(r)])).toEqual([
      [ALICE, tokens[TEAM_A]],
      [CAROL, tokens[TEAM_B]],
      [GRACE, tokens[ORG]],
    ]);
    const sub = await command({ command: '/subscribe', text: BETA, team_id: TEAM_B, channel_id: B_GENERAL, user_id: CAROL });
    expect((sub.body as { text: string }).text).toMatch(/your DMs/);
  });

  it('posts /alerts test in workspace B with B\'s token', async () => {
    await command({ command: '/alerts', text: 'test', team_id: TEAM_B, channel_id: B_GENERAL, user_id: CAROL });
    const [test] = alerts(B_GENERAL);
    expect(test.text).toMatch(/Test alert/);
    expect(test.token).toBe(tokens[TEAM_B]);
  });

  it('delivers an alert to each workspace with its own token (the org-wide install\'s for the Grid workspace)', async () => {
    world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
    await pollAndDeliver(e2e.app);
    expect(alerts(A_GENERAL).map((m) => m.token)).toEqual([tokens[TEAM_A]]);
    expect(alerts(B_GENERAL).map((m) => m.token)).toEqual([tokens[TEAM_B], tokens[TEAM_B]]);
    expect(alerts(G_GENERAL).map((m) => m.token)).toEqual([tokens[ORG]]);
    // The new leader's picture follows each alert, uploaded with that workspace's token, files in its workspace.
    for (const [ch, team, token] of [[A_GENERAL, TEAM_A, tokens[TEAM_A]], [B_GENERAL, TEAM_B, tokens[TEAM_B]], [G_GENERAL, TEAM_G, tokens[ORG]]] as const) {
      const files = fake.messages(ch).flatMap((m) => m.files ?? []);
      expect(files.map((f) => [f.mimetype, f.teamId, f.token])).toEqual([['image/png', team, token]]);
    }
    const dm = fake.requests.find((r) => r.apiMethod === 'conversations.open');
    expect(dm && [dm.body.users, bearer(dm)]).toEqual([CAROL, tokens[TEAM_B]]);
  });

  it("the stand-in refuses workspace A's token for workspace B's channel, as Slack does", async () => {
    const res = await fetch(`${fake.url}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${tokens[TEAM_A]}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: B_GENERAL, text: 'x' }) });
    expect(await res.json()).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('on app_uninstalled from workspace B, forgets its token and stops its deliveries; A and the Grid workspace still get theirs', async () => {
    fake.uninstall(TEAM_B);
    const event = fake.signedEventRequest(SECRET, { type: 'app_uninstalled' }, { teamId: TEAM_B });
    expect((await post('/slack/events', event)).status).toBe(200);
    const b = { kind: 'slack-channel' as const, teamId: TEAM_B, channelId: B_GENERAL };
    for (let i = 0; i < 100 && !(await e2e.app.settings.disabledEntry(b)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await e2e.app.runtime.stores.settings.get(`slack-install:team:${TEAM_B}`)).toBeUndefined();
    expect((await e2e.app.settings.disabledEntry(b))?.reason).toMatch(/^rankwatch was removed from Slack workspace T0BETATEAM \(app_uninstalled\)/);

    const callsBefore = fake.requests.length;
    world.completeDay({ [ALPHA]: 1300, [BETA]: 1200, [EVIL]: 100 });
    await pollAndDeliver(e2e.app);
    expect(alerts(A_GENERAL)).toHaveLength(2);
    expect(alerts(G_GENERAL)).toHaveLength(2);
    expect(alerts(B_GENERAL)).toHaveLength(2);
    // Nothing more is even tried with B's token.
    expect(fake.requests.slice(callsBefore).filter((r) => bearer(r) === tokens[TEAM_B])).toEqual([]);
    expect(e2e.logger.lines.some((l) => l.msg?.includes('app_uninstalled for Slack workspace T0BETATEAM') && l.obj.disabledChannels === 1)).toBe(true);
  });

  it("disables B's DM subscription at its next alert, recording the dropped alert, without a call to Slack", async () => {
    const callsBefore = fake.requests.length;
    const droppedBefore = await e2e.app.outbox.droppedTotal();
    world.completeDay({ [ALPHA]: 1300, [BETA]: 1500, [EVIL]: 100 });
    await pollAndDeliver(e2e.app);
    const dm = { kind: 'slack-dm' as const, teamId: TEAM_B, userId: CAROL };
    expect((await e2e.app.settings.disabledEntry(dm))?.reason).toMatch(/^gone: rankwatch is not installed in Slack workspace T0BETATEAM/);
    expect(fake.requests.slice(callsBefore).filter((r) => bearer(r) === tokens[TEAM_B])).toEqual([]);
    expect(await e2e.app.outbox.droppedTotal()).toBeGreaterThan(droppedBefore);
    expect(alerts(A_GENERAL)).toHaveLength(3);
  });

  it("installs in B again: what the uninstall disabled resumes, and B's next alert goes with B's new token", async () => {
    expect((await install({ team: TEAM_B })).status).toBe(200);
    const [fresh] = fake.tokensOf(TEAM_B);
    expect(fresh).not.toBe(tokens[TEAM_B]);
    tokens.B2 = fresh;
    expect(await e2e.app.runtime.stores.settings.get(`slack-install:team:${TEAM_B}`)).toMatchObject({ bot: { token: fresh } });
    expect(await e2e.app.settings.disabledEntry({ kind: 'slack-channel', teamId: TEAM_B, channelId: B_GENERAL })).toBeUndefined();
    expect(await e2e.app.settings.disabledEntry({ kind: 'slack-dm', teamId: TEAM_B, userId: CAROL })).toBeUndefined();
    world.completeDay({ [ALPHA]: 1600, [BETA]: 1500, [EVIL]: 100 });
    await pollAndDeliver(e2e.app);
    expect(alerts(B_GENERAL).map((m) => m.token)).toEqual([tokens[TEAM_B], tokens[TEAM_B], fresh]);
    expect(alerts(A_GENERAL)).toHaveLength(4);
  });

  it('tokens_revoked for user tokens only keeps the install; for the bot token forgets it; a retry of that event runs once', async () => {
    const settingsKv = e2e.app.runtime.stores.settings;

    const userOnly = fake.signedEventRequest(SECRET, { type: 'tokens_revoked', tokens: { oauth: [CAROL] } }, { teamId: TEAM_B });
    expect((await post('/slack/events', userOnly)).status).toBe(200);
    const revoked = fake.signedEventRequest(SECRET, { type: 'tokens_revoked', tokens: { oauth: [], bot: [fake.botUserId] } }, { teamId: TEAM_B });
    expect((await post('/slack/events', revoked)).status).toBe(200);
    for (let i = 0; i < 100 && (await settingsKv.get(`slack-install:team:${TEAM_B}`)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await settingsKv.get(`slack-install:team:${TEAM_B}`)).toBeUndefined();

    // Slack retries an event it thinks was missed: acknowledged, not run again. A bare replay is still refused.
    const retry = { ...revoked, headers: { ...revoked.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
    expect((await post('/slack/events', retry)).status).toBe(200);
    expect((await post('/slack/events', revoked)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(e2e.logger.lines.filter((l) => l.msg?.startsWith('slack: tokens_revoked for Slack workspace T0BETATEAM'))).toHaveLength(1);
    expect((await e2e.app.settings.disabledEntry({ kind: 'slack-channel', teamId: TEAM_B, channelId: B_GENERAL }))?.reason).toMatch(/\(tokens_revoked\)/);
    expect(await settingsKv.get(`slack-install:team:${TEAM_A}`)).toBeDefined();
  });

  it('never logs a bot token, the client secret or the state secret', () => {
    const logged = JSON.stringify(e2e.logger.lines);
    for (const secret of [...Object.values(tokens), fake.clientSecret, 'e2e-state-secret-0123456789abcdef']) expect(logged).not.toContain(secret);
  });
});
