// Slack that feels native, through the real Bolt app on the stand-in Slack (Socket Mode) with real
// stores: /rankwatch <subcommand>, the App Home tab and its buttons, the alerts setup modal, unfurls.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { DEFAULT_ALERT_TYPES } from '../../../src/store/settings-store.js';
import { startFakeSlack, type FakeSlack, type RecordedView, type ResponseUrlPost } from '../../fakes/slack/index.js';
import { allStrings, EVIL_SLUG, QWEN_SLUG, testWorld, type TestWorld } from './support.js';

const GENERAL = 'C0GENERAL1';
const ALICE = 'U0ALICE001';
/** A workspace admin: may set up alerts in any channel. */
const ADMIN = 'U0ADMIN001';

let fake: FakeSlack;
let world: TestWorld;
let adapter: ChatAdapter;

afterEach(async () => {
  await adapter?.stop();
  await fake.close();
  await world.close();
});

async function start(): Promise<void> {
  fake = await startFakeSlack();
  fake.addUser({ id: ADMIN, name: 'admin', isAdmin: true });
  world = await testWorld();
  const config = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.url });
  adapter = createSlackAdapter(config, world.deps())!;
  await adapter.start();
}

const body = (post: ResponseUrlPost) => post.body as { text: string; blocks?: unknown[]; response_type?: string };

async function rankwatch(text: string, user = ALICE): Promise<ResponseUrlPost> {
  const delivery = await fake.sendSlashCommand({ command: '/rankwatch', text, channel_id: GENERAL, user_id: user });
  const [post] = await delivery.waitForResponses(1);
  return post;
}

type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string }; elements?: { action_id: string; value: string; text: { text: string } }[]; element?: { options: { value: string }[]; initial_options?: { value: string }[] } };
const blocksOf = (v: RecordedView | undefined) => (v?.view.blocks ?? []) as Block[];
const textOf = (v: RecordedView | undefined) => allStrings(blocksOf(v)).join('\n');

describe('/rankwatch <subcommand>', () => {
  it('given /rankwatch leaderboard weekly, answers in the channel with the weekly chart', async () => {
    await start();
    const post = await rankwatch('leaderboard weekly');
    expect(body(post).response_type).toBe('in_channel');
    expect(allStrings(body(post).blocks).join('\n')).toContain('Weekly chart');
  });

  it('given /rankwatch subscribe qwen, subscribes by DM, and the reply names /rankwatch unsubscribe', async () => {
    await start();
    const post = await rankwatch('subscribe qwen 3.6 plus');
    expect(body(post).text).toMatch(/^Subscribed: every Qwen3\.6 Plus alert goes to your DMs\. To stop: \/rankwatch unsubscribe qwen\/qwen3\.6-plus-04-02$/);
    expect(await world.settings.subscribersOf(QWEN_SLUG)).toMatchObject([{ dest: { kind: 'slack-dm', userId: ALICE } }]);
  });

  it('given /rankwatch alone, help or a subcommand it lacks, answers with help or names the subcommands', async () => {
    await start();
    for (const text of ['', 'help']) expect(allStrings(body(await rankwatch(text))).join('\n')).toContain('/rankwatch leaderboard');
    const unknown = await rankwatch('leaderbord weekly');
    expect(body(unknown)).toMatchObject({ response_type: 'ephemeral' });
    expect(body(unknown).text).toMatch(/\/rankwatch has no subcommand "leaderbord"\. Try \/rankwatch help; subcommands: leaderboard, model/);
  });
});

describe('App Home', () => {
  it('given the Home tab is opened, publishes the daily top 10 and the subscriptions; Stop and Follow act and refresh it', async () => {
    await start();
    await rankwatch('subscribe evil');
    await fake.sendEvent(fake.homeOpenedEvent(ALICE));
    const home = await fake.waitFor(() => fake.homeView(ALICE));
    const text = textOf(home);
    expect(text).toContain('Daily chart, 2026-03-11 (UTC)');
    expect(text).toMatch(/^2\. Qwen3\.6 Plus · 990B$/m);
    expect(text).toContain('Your subscriptions (by DM)');
    const stop = blocksOf(home).find((b) => b.accessory?.action_id === 'home.stop')!;
    expect(stop.accessory!.value).toBe(EVIL_SLUG);
    // Follow buttons only for models Alice does not follow yet.
    const follows = blocksOf(home).flatMap((b) => b.elements ?? []).filter((e) => e.action_id?.startsWith('home.follow'));
    expect(follows.map((f) => f.value)).toContain(QWEN_SLUG);
    expect(follows.map((f) => f.value)).not.toContain(EVIL_SLUG);

    await fake.clickHome({ user: ALICE, action_id: 'home.stop', value: EVIL_SLUG });
    await fake.waitFor(() => home.history.length >= 1 && textOf(home).includes('Unsubscribed'));
    expect(await world.settings.subscribersOf(EVIL_SLUG)).toEqual([]);
    expect(textOf(home)).toContain('None yet.');

    const qwen = follows.find((f) => f.value === QWEN_SLUG)!;
    await fake.clickHome({ user: ALICE, action_id: qwen.action_id, value: qwen.value });
    await fake.waitFor(() => home.history.length >= 2 && textOf(home).includes('Subscribed: every Qwen3.6 Plus alert goes to your DMs'));
    expect(textOf(home)).toContain('/rankwatch unsubscribe');
    expect(await world.settings.subscribersOf(QWEN_SLUG)).toMatchObject([{ dest: { kind: 'slack-dm', userId: ALICE } }]);
    expect(world.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('/rankwatch alerts setup (modal)', () => {
  it('given an admin, opens a modal checked with the defaults; submitting stores the checked types and charts', async () => {
    await start();
    const delivery = await fake.sendSlashCommand({ command: '/rankwatch', text: 'alerts setup', channel_id: GENERAL, user_id: ADMIN });
    const [modal] = await fake.waitFor(() => fake.modals(ADMIN).length > 0 && fake.modals(ADMIN));
    expect(delivery.responses()).toEqual([]); // the form is the answer
    const checks = blocksOf(modal).filter((b) => b.type === 'input');
    expect(checks.map((b) => b.element!.options.length).every((n) => n <= 10)).toBe(true);
    expect(checks.flatMap((b) => b.element!.initial_options ?? []).map((o) => o.value)).toEqual([...DEFAULT_ALERT_TYPES, 'daily', 'weekly', 'monthly', 'trending', 'labs_daily', 'labs_weekly', 'labs_monthly']);

    await fake.submitModal(modal, { types: ['new_leader', 'milestone'], charts: ['daily'] });
    expect(await world.settings.allAlerts()).toMatchObject([{ dest: { kind: 'slack-channel', channelId: GENERAL }, types: ['new_leader', 'milestone'], charts: ['daily'] }]);
    expect(textOf(modal)).toMatch(/Alerts on for #general: new_leader, milestone on the daily chart\. Posted a confirmation in #general\. Check delivery with \/rankwatch alerts test\./);

    // Opened again: checked as the channel has it now.
    await fake.sendSlashCommand({ command: '/rankwatch', text: 'alerts setup', channel_id: GENERAL, user_id: ADMIN });
    const again = await fake.waitFor(() => fake.modals(ADMIN)[1]);
    expect(blocksOf(again).flatMap((b) => b.element?.initial_options ?? []).map((o) => o.value)).toEqual(['new_leader', 'milestone', 'daily']);
  });

  it('given a member who may not set up alerts, the submission is refused by the same check as the typed command', async () => {
    await start();
    await fake.sendSlashCommand({ command: '/rankwatch', text: 'alerts setup', channel_id: GENERAL, user_id: ALICE });
    const [modal] = await fake.waitFor(() => fake.modals(ALICE).length > 0 && fake.modals(ALICE));
    await fake.submitModal(modal, { types: ['new_leader'], charts: ['daily'] });
    expect(textOf(modal)).toMatch(/workspace admin or the channel's creator/);
    expect(await world.settings.allAlerts()).toEqual([]);
  });

  it('given nothing checked, keeps the modal open with an error under the block', async () => {
    await start();
    await fake.sendSlashCommand({ command: '/rankwatch', text: 'alerts setup', channel_id: GENERAL, user_id: ADMIN });
    const [modal] = await fake.waitFor(() => fake.modals(ADMIN).length > 0 && fake.modals(ADMIN));
    const submitted = await fake.submitModal(modal, { types: [], charts: ['daily'] });
    expect(submitted.ack).toEqual({ response_action: 'errors', errors: { types_0: 'Pick at least one alert type.' } });
    expect(modal.closed).toBeUndefined();
  });

  it('given the form cannot open (trigger expired), says what to type; typed lists still work without a form', async () => {
    await start();
    fake.failNext({ method: 'views.open', error: 'expired_trigger_id' });
    const refused = await rankwatch('alerts setup', ADMIN);
    expect(body(refused).text).toMatch(/Could not open the setup form \(expired_trigger_id\)\. Type it instead: \/rankwatch alerts setup types:/);
    const typed = await rankwatch('alerts setup types:streak charts:weekly', ADMIN);
    expect(body(typed).text).toMatch(/^Alerts on for #general: streak on the weekly chart/);
    expect(fake.modals()).toEqual([]);
  });
});

describe('unfurls', () => {
  it('given an openrouter.ai model link is posted, unfurls it into a card with rank, tokens and lab; other links are left alone', async () => {
    await start();
    const url = 'https://openrouter.ai/qwen/qwen3.6-plus';
    await fake.sendEvent(fake.linkSharedEvent({ channel: GENERAL, user: ALICE, urls: [url, 'https://openrouter.ai/rankings'] }));
    const [unfurl] = await fake.waitFor(() => fake.unfurls.length > 0 && fake.unfurls);
    expect(Object.keys(unfurl.unfurls)).toEqual([url]);
    const card = allStrings(unfurl.unfurls[url]).join('\n');
    expect(card).toMatch(/<https:\/\/openrouter\.ai\/qwen\/qwen3\.6-plus\|Qwen3\.6 Plus>/);
    expect(card).toContain("#2 today · 990B tokens (2026-03-11 UTC)");
    expect(card).toContain("Lab: Alibaba (Qwen)");
    expect(card).toContain('Source: OpenRouter');
  });
});
