// Pictures on Slack: alerts post their text, then share the chart of the moment into the channel
// through files.uploadV2 (the SDK's three steps, against the stand-in's honest endpoints), with the
// destination workspace's own token; a refused upload leaves the alert as text; incoming webhooks
// take no files and keep the text.
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel, webApi } from '@slack/bolt';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import { SlackWebhookNotifier } from '../../../src/adapters/slack/webhook-notifier.js';
import { WorkspaceClients } from '../../../src/adapters/slack/workspace-clients.js';
import { webhookHash } from '../../../src/delivery/destination.js';
import type { AlertImage } from '../../../src/delivery/notifier.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { SlackInstallations } from '../../../src/store/slack-installations.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../../fakes/slack/index.js';
import { capturingLogger } from '../../support/world.js';
import { decode } from '../../render/png.js';
import { drawPicture } from '../../../src/render/draw.js';

const TEAM = 'T0FAKETEAM';
const TEAM_B = 'T0BETATEAM';
const GENERAL = 'C0GENERAL1';
const B_GENERAL = 'C0BETAGEN1';
const TEAM_C = 'T0GAMMATEA';
const C_GENERAL = 'C0GAMMAGE1';
const REDIRECT = 'https://bot.example.com/slack/oauth_redirect';
const channel = (channelId: string, teamId = TEAM) => ({ kind: 'slack-channel' as const, teamId, channelId });

const alert: AlertMessage = {
  eventId: 'new_leader:daily:2026-03-11:b/rise',
  headline: 'Rising Model takes #1 on the daily chart with 1.20T tokens',
  figures: [['Tokens', '1.20T']],
  url: 'https://openrouter.ai/b/rise',
  linkLabel: 'Rising Model on OpenRouter',
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-12T03:00:00Z',
  day: '2026-03-11',
  picture: { kind: 'moment', type: 'new_leader', chart: 'daily', period: '2026-03-11', subject: 'b/rise', versus: 'a/lead' },
};

let png: Buffer;
async function image(): Promise<AlertImage & { themes: string[] }> {
  png ??= await drawPicture({ kind: 'moment', title: alert.headline, footer: alert.footer, days: ['2026-03-10', '2026-03-11'], series: [{ name: 'Rising Model', values: [1, 2] }] }, 'light');
  const themes: string[] = [];
  return { name: 'new-leader-daily-2026-03-11.png', alt: `Line chart. ${alert.headline}`, themes, draw: async ({ theme }) => (themes.push(theme), png) };
}

const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function start(options: FakeSlackOptions = {}) {
  const fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false }, ...options });
  fakes.push(fake);
  return fake;
}
const clientOptions = (fake: FakeSlack) => ({ slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });

describe('alert pictures on Slack', () => {
  it('given an alert with a picture, then the alert is posted, then the PNG is uploaded by the three files.uploadV2 steps into that channel', async () => {
    const fake = await start();
    const logger = capturingLogger();
    const notifier = new SlackNotifier(new webApi.WebClient(fake.botToken, clientOptions(fake)), { intervalMs: 0, logger });
    const img = await image();
    await notifier.send(channel(GENERAL), alert, 'k', img);
    const [text, shared, ...more] = fake.messages(GENERAL);
    expect(more).toEqual([]);
    expect(text.via).toBe('chat.postMessage');
    expect(text.text).toMatch(/^Rising Model takes #1/);
    expect(shared.via).toBe('files.completeUploadExternal');
    expect(shared.files).toHaveLength(1);
    const [file] = shared.files!;
    expect(file).toMatchObject({ name: img.name, title: alert.headline, mimetype: 'image/png', size: png.length, teamId: TEAM, token: fake.botToken });
    expect(decode(file.data).width).toBe(720);
    expect(img.themes).toEqual(['light']);
    const steps = fake.requests.filter((r) => r.apiMethod?.startsWith('files.') || r.path.startsWith('/upload/')).map((r) => [r.apiMethod ?? r.path, r.status]);
    expect(steps).toEqual([['files.getUploadURLExternal', 200], ['/upload/v1/…', 200], ['files.completeUploadExternal', 200]]);
    const asked = fake.requests.find((r) => r.apiMethod === 'files.getUploadURLExternal')!;
    expect(asked.body).toMatchObject({ filename: img.name, length: String(png.length) });
    expect((asked.response as { upload_url: string }).upload_url.startsWith(`${fake.baseUrl}/upload/v1/`)).toBe(true);
    expect(logger.lines).toEqual([]);
  });

  it('given a channel the bot cannot post to, then the send fails as it did before pictures and nothing is uploaded', async () => {
    const fake = await start({ channels: [{ id: 'C0OUTSIDE1', name: 'outside', botIsMember: false }] });
    const logger = capturingLogger();
    const notifier = new SlackNotifier(new webApi.WebClient(fake.botToken, clientOptions(fake)), { intervalMs: 0, logger });
    await expect(notifier.send(channel('C0OUTSIDE1'), alert, 'k', await image())).rejects.toMatchObject({ failure: 'forbidden' });
    expect(fake.requests.filter((r) => r.apiMethod?.startsWith('files.'))).toEqual([]); // nothing uploaded for an alert never posted
    expect(logger.lines).toEqual([]);
  });

  it('given a picture that could not be drawn, then only the alert text is posted', async () => {
    const fake = await start();
    const notifier = new SlackNotifier(new webApi.WebClient(fake.botToken, clientOptions(fake)), { intervalMs: 0 });
    await notifier.send(channel(GENERAL), alert, 'k', { name: 'x.png', alt: 'x', draw: async () => null });
    expect(fake.messages(GENERAL).map((m) => m.via)).toEqual(['chat.postMessage']);
  });

  it('given OAuth installs, then each workspace uploads with its own token into its own channel; one installed without files:write keeps the text', async () => {
    const fake = await start({ workspaces: [{ teamId: TEAM_B, channels: [{ id: B_GENERAL, name: 'general' }] }, { teamId: TEAM_C, channels: [{ id: C_GENERAL, name: 'general' }] }] });
    const store = new SlackInstallations(new Keyv());
    const install = async (teamId: string, scope: string) => {
      const consent = await fetch(`${fake.baseUrl}/oauth/v2/authorize?client_id=${fake.clientId}&scope=${scope}&redirect_uri=${encodeURIComponent(REDIRECT)}&team=${teamId}&state=s`, { redirect: 'manual' });
      const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
      const res = (await (await fetch(`${fake.url}oauth.v2.access`, { method: 'POST', body: new URLSearchParams({ client_id: fake.clientId, client_secret: fake.clientSecret, code, redirect_uri: REDIRECT }) })).json()) as { access_token: string; team: { id: string } };
      await store.storeInstallation({ team: res.team, enterprise: undefined, user: { id: 'U', token: undefined, scopes: undefined }, bot: { token: res.access_token, scopes: scope.split(','), id: 'B', userId: 'U0BOTUSER1' }, isEnterpriseInstall: false });
      return res.access_token;
    };
    const c = await install(TEAM_C, 'chat:write');
    const b = await install(TEAM_B, 'chat:write,files:write');
    const logger = capturingLogger();
    const clients = new WorkspaceClients(store, { clientOptions: clientOptions(fake), installUrl: 'https://bot.example.com/slack/install' });
    const notifier = new SlackNotifier(clients, { intervalMs: 0, logger });
    await notifier.send(channel(B_GENERAL, TEAM_B), alert, 'k', await image());
    await notifier.send(channel(C_GENERAL, TEAM_C), alert, 'k', await image());
    const inB = fake.messages(B_GENERAL);
    expect(inB.map((m) => m.via)).toEqual(['chat.postMessage', 'files.completeUploadExternal']);
    expect(inB[1].files![0]).toMatchObject({ teamId: TEAM_B, token: b });
    expect(fake.messages(C_GENERAL).map((m) => [m.via, m.token])).toEqual([['chat.postMessage', c]]);
    expect(logger.lines.map((l) => [l.msg, l.obj.slack])).toEqual([['slack alert picture not shared (upload failed); the alert went as text', 'missing_scope']]);
  });

  it('given an incoming webhook, then the alert goes as text (webhooks take no files)', async () => {
    const fake = await start();
    const url = fake.createIncomingWebhook(GENERAL);
    const img = await image();
    await new SlackWebhookNotifier([url]).send({ kind: 'slack-webhook', hash: webhookHash(url) }, alert, 'k', img);
    expect(fake.webhookPosts(GENERAL)).toHaveLength(1);
    expect(img.themes).toEqual([]); // not even drawn
    expect(fake.requests.filter((r) => r.apiMethod?.startsWith('files.'))).toEqual([]);
  });
});

describe('the stand-in upload endpoints', () => {
  it('refuses bytes that differ from the declared length, a file another token uploaded, and an empty length', async () => {
    const fake = await start({ botTokens: ['xoxb-one', 'xoxb-two'] });
    const call = async (token: string, method: string, body: Record<string, string>) => (await fetch(`${fake.url}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new URLSearchParams(body) })).json() as Promise<Record<string, unknown>>;
    expect(await call('xoxb-one', 'files.getUploadURLExternal', { filename: 'a.png', length: '0' })).toMatchObject({ ok: false, error: 'missing_argument' });
    const got = (await call('xoxb-one', 'files.getUploadURLExternal', { filename: 'a.png', length: '4' })) as { upload_url: string; file_id: string };
    expect((await fetch(got.upload_url, { method: 'POST', body: Buffer.from('abc') })).status).toBe(400);
    expect((await fetch(got.upload_url, { method: 'POST', body: Buffer.from('abcd') })).status).toBe(200);
    const files = JSON.stringify([{ id: got.file_id, title: 'a' }]);
    expect(await call('xoxb-two', 'files.completeUploadExternal', { files, channel_id: GENERAL })).toMatchObject({ ok: false, error: 'file_not_found' });
    expect(await call('xoxb-one', 'files.completeUploadExternal', { files, channel_id: GENERAL })).toMatchObject({ ok: true, files: [{ id: got.file_id, title: 'a' }] });
    expect(fake.messages(GENERAL)[0].files![0].data.toString()).toBe('abcd');
  });
});
