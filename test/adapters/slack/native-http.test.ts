// Native Slack in HTTP mode: signed events and interactive payloads to Bolt's HTTPReceiver on
// rankwatch's one HttpServer; the answer of a view_submission comes back as the HTTP response body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/index.js';
import { allStrings, testWorld, type TestWorld } from './support.js';

const SECRET = 'test-signing-secret';
const GENERAL = 'C0GENERAL1';
const ADMIN = 'U0ADMIN001';

let fake: FakeSlack;
let world: TestWorld;
let http: HttpServer;
let adapter: ChatAdapter;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: ADMIN, name: 'admin', isAdmin: true });
  world = await testWorld();
  http = new HttpServer(silentLogger);
  const config = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, HTTP_PORT: '0' });
  adapter = createSlackAdapter(config, world.deps(http))!;
  endpoint = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/slack/events`;
  await adapter.start();
});

afterAll(async () => {
  await adapter.stop();
  await http.close();
  await fake.close();
  await world.close();
});

const send = (r: { headers: Record<string, string>; body: string }) => fetch(endpoint, { method: 'POST', headers: r.headers, body: r.body });

describe('native Slack, HTTP mode', () => {
  it('given signed app_home_opened and link_shared events, publishes the Home tab and unfurls the model link', async () => {
    expect((await send(fake.signedEventRequest(SECRET, fake.homeOpenedEvent(ADMIN)))).status).toBe(200);
    const home = await fake.waitFor(() => fake.homeView(ADMIN));
    expect(allStrings(home.view.blocks).join('\n')).toContain('Daily chart, 2026-03-11 (UTC)');
    const url = 'https://openrouter.ai/qwen/qwen3.6-plus';
    expect((await send(fake.signedEventRequest(SECRET, fake.linkSharedEvent({ channel: GENERAL, user: ADMIN, urls: [url] })))).status).toBe(200);
    const [unfurl] = await fake.waitFor(() => fake.unfurls.length > 0 && fake.unfurls);
    expect(allStrings(unfurl.unfurls[url]).join('\n')).toContain('Qwen3.6 Plus');
  });

  it('given /rankwatch alerts setup and a signed submission, answers the submission with the confirmation view', async () => {
    expect((await send(fake.signedSlashCommandRequest(SECRET, { command: '/rankwatch', text: 'alerts setup', channel_id: GENERAL, user_id: ADMIN }))).status).toBe(200);
    const [modal] = await fake.waitFor(() => fake.modals(ADMIN).length > 0 && fake.modals(ADMIN));
    const res = await send(fake.signedInteractiveRequest(SECRET, fake.viewSubmissionPayload(modal, { types: ['new_leader'], charts: ['weekly'] })));
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_action: string; view: { blocks: unknown[] } };
    expect(ack.response_action).toBe('update');
    expect(allStrings(ack.view.blocks).join('\n')).toMatch(/Alerts on for #general: new_leader on the weekly chart/);
    expect(await world.settings.allAlerts()).toMatchObject([{ dest: { channelId: GENERAL }, types: ['new_leader'], charts: ['weekly'] }]);
  });
});
