// SlackNotifier over OAuth installs (WorkspaceClients): each destination is posted with its own
// workspace's token from the installation store; a workspace with no installation, or whose token
// Slack now refuses, fails that destination alone instead of pausing every workspace's deliveries.
import { afterEach, describe, expect, it } from 'vitest';
import Keyv from 'keyv';
import { LogLevel } from '@slack/bolt';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import { WorkspaceClients } from '../../../src/adapters/slack/workspace-clients.js';
import { DeliveryError } from '../../../src/delivery/notifier.js';
import { SlackInstallations } from '../../../src/store/slack-installations.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';

const TEAM_A = 'T0FAKETEAM';
const TEAM_B = 'T0BETATEAM';
const A_GENERAL = 'C0GENERAL1';
const B_GENERAL = 'C0BETAGEN1';
const REDIRECT = 'https://bot.example.com/slack/oauth_redirect';

let fake: FakeSlack;
afterEach(async () => fake?.close());

/** What Bolt's InstallProvider does with a code, done by hand: consent page, then oauth.v2.access. */
async function installVia(teamId: string, store: SlackInstallations): Promise<string> {
  const consent = await fetch(`${fake.baseUrl}/oauth/v2/authorize?client_id=${fake.clientId}&scope=chat:write&redirect_uri=${encodeURIComponent(REDIRECT)}&team=${teamId}&state=s`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const body = new URLSearchParams({ client_id: fake.clientId, client_secret: fake.clientSecret, code, redirect_uri: REDIRECT });
  const res = (await (await fetch(`${fake.url}oauth.v2.access`, { method: 'POST', body })).json()) as { ok: boolean; access_token: string; team: { id: string } };
  expect(res.ok).toBe(true);
  await store.storeInstallation({ team: res.team, enterprise: undefined, user: { id: 'U', token: undefined, scopes: undefined }, bot: { token: res.access_token, scopes: ['chat:write'], id: 'B', userId: 'U0BOTUSER1' }, isEnterpriseInstall: false });
  return res.access_token;
}

async function setup() {
  fake = await startFakeSlack({ rateLimits: { postMessagePerChannel: false }, workspaces: [{ teamId: TEAM_B, channels: [{ id: B_GENERAL, name: 'general' }] }] });
  const store = new SlackInstallations(new Keyv());
  const clients = new WorkspaceClients(store, { clientOptions: { slackApiUrl: fake.url, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } }, installUrl: 'https://bot.example.com/slack/install' });
  return { store, notifier: new SlackNotifier(clients, { intervalMs: 0 }) };
}

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

const channel = (teamId: string, channelId: string) => ({ kind: 'slack-channel' as const, teamId, channelId });

describe('SlackNotifier with OAuth installs', () => {
  it("posts to each workspace's channel with that workspace's token", async () => {
    const { store, notifier } = await setup();
    const a = await installVia(TEAM_A, store);
    const b = await installVia(TEAM_B, store);
    await notifier.sendText(channel(TEAM_A, A_GENERAL), 'to A');
    await notifier.sendText(channel(TEAM_B, B_GENERAL), 'to B');
    expect(fake.messages(A_GENERAL).map((m) => m.token)).toEqual([a]);
    expect(fake.messages(B_GENERAL).map((m) => m.token)).toEqual([b]);
  });

  it('given a workspace with no installation, fails as gone (its destination is disabled) without calling Slack', async () => {
    const { store, notifier } = await setup();
    await installVia(TEAM_A, store);
    const before = fake.requests.length;
    const err = await failure(notifier.sendText(channel(TEAM_B, B_GENERAL), 'x'));
    expect(err.failure).toBe('gone');
    expect(err.message).toMatch(/not installed in Slack workspace T0BETATEAM .* install it again at https:\/\/bot\.example\.com\/slack\/install/);
    expect(fake.requests.length).toBe(before);
  });

  it("given a workspace whose token Slack refuses (uninstalled, event not here yet), fails that destination as forbidden, not the platform-wide unauthorized", async () => {
    const { store, notifier } = await setup();
    await installVia(TEAM_A, store);
    await installVia(TEAM_B, store);
    fake.uninstall(TEAM_B);
    const err = await failure(notifier.sendText(channel(TEAM_B, B_GENERAL), 'x'));
    expect(err.failure).toBe('forbidden');
    expect(err.message).toMatch(/token_revoked .*install rankwatch there again/);
    await notifier.sendText(channel(TEAM_A, A_GENERAL), 'A still works');
    expect(fake.messages(A_GENERAL)).toHaveLength(1);
  });
});
