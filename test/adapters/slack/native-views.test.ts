// The pieces of native Slack as data in, data out: /rankwatch parsing and renaming, the setup modal's
// checkbox split, the Home view's block limit and openrouter.ai links; each view checked by the stand-in's
// own view rules (the limits Slack enforces), and the stand-in's trigger_id rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeView, HOME_BLOCKS } from '../../../src/adapters/slack/home.js';
import { readSetupSubmission, setupModal } from '../../../src/adapters/slack/modal.js';
import { namespacedNames, splitNamespaced } from '../../../src/adapters/slack/namespaced.js';
import { modelIdOfLink } from '../../../src/adapters/slack/unfurl.js';
import { checkView, startFakeSlack, TRIGGER_TTL_MS, type FakeSlack } from '../../fakes/slack/index.js';
import { QWEN_SLUG, testWorld, type TestWorld } from './support.js';

const NAMES = new Set(['leaderboard', 'subscribe', 'alerts', 'help']);
const ORIGIN = { teamId: 'T0FAKETEAM', userId: 'U0ADMIN001', channelId: 'C0GENERAL1', channelName: 'general' };

describe('/rankwatch text', () => {
  it.each([
    ['leaderboard weekly', { name: 'leaderboard', text: 'weekly' }],
    ['  Subscribe   qwen 3.6 plus ', { name: 'subscribe', text: 'qwen 3.6 plus' }],
    ['/alerts setup types:streak', { name: 'alerts', text: 'setup types:streak' }],
    ['', { name: 'help', text: '' }],
    ['leaderbord', { unknown: 'leaderbord' }],
  ])('given "%s", then %o', (text, call) => {
    expect(splitNamespaced(text, NAMES)).toEqual(call);
  });

  it.each([
    ['To stop: /unsubscribe x', 'To stop: /unsubscribe x'], // not in NAMES
    ['Try /help alerts.', 'Try /rankwatch help alerts.'],
    ['**/leaderboard [chart]** — top models', '**/rankwatch leaderboard [chart]** — top models'],
    ['see openrouter.ai/rankings and `/alerts test`', 'see openrouter.ai/rankings and `/rankwatch alerts test`'],
  ])('given a reply "%s", names commands as "%s"', (text, renamed) => {
    expect(namespacedNames(text, NAMES)).toBe(renamed);
  });
});

describe('alerts setup modal', () => {
  const types = Array.from({ length: 23 }, (_, i) => `type_${i}`);
  const charts = ['daily', 'weekly'];

  it('given 23 types, splits them 10/10/3 across checkbox blocks, each valid for Slack, and reads every block back', () => {
    const view = setupModal(ORIGIN, { types: ['type_0', 'type_22'], charts: ['weekly'] }, { types, charts });
    const inputs = (view.blocks as { type: string; block_id?: string; element?: { options: unknown[]; initial_options?: { value: string }[] } }[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element!.options.length])).toEqual([['types_0', 10], ['types_1', 10], ['types_2', 3], ['charts_0', 2]]);
    expect(inputs.map((b) => (b.element!.initial_options ?? []).map((o) => o.value))).toEqual([['type_0'], [], ['type_22'], ['weekly']]);
    expect(checkView(view, 'modal')).toEqual([]);
    const state = { values: { types_0: { types: { selected_options: [{ value: 'type_1' }] } }, types_2: { types: { selected_options: [{ value: 'type_21' }] } }, charts_0: { charts: { selected_options: [{ value: 'daily' }] } } } };
    expect(readSetupSubmission({ private_metadata: view.private_metadata, state })).toEqual({ ok: true, origin: ORIGIN, options: { subcommand: 'setup', types: 'type_1,type_21', charts: 'daily' } });
  });

  it('given a submission whose metadata is unreadable, asks to run the command again instead of guessing the channel', () => {
    expect(readSetupSubmission({ private_metadata: 'not json', state: { values: {} } })).toEqual({ ok: false, errors: { types_0: 'This form lost its channel: run /rankwatch alerts setup again.' } });
  });

  it('given one checkboxes element with 11 options, the stand-in refuses it as Slack does', () => {
    const view = setupModal(ORIGIN, { types: [], charts: [] }, { types, charts });
    const input = view.blocks.find((b) => b.type === 'input') as { element: { options: unknown[] } };
    input.element.options.push({ text: { type: 'plain_text', text: 'eleventh' }, value: 'eleventh' });
    expect(checkView(view, 'modal')).toEqual(['no more than 10 items allowed [json-pointer:/view/blocks/1/element/options]']);
  });
});

describe('Home view and links', () => {
  let world: TestWorld;
  beforeAll(async () => void (world = await testWorld()));
  afterAll(async () => world.close());

  it('given 150 subscriptions, stays within the 100 blocks of a Home tab and points at the rest', async () => {
    const view = await world.deps().services.charts();
    const subs = Array.from({ length: 150 }, (_, i) => `lab/model-${i}`);
    const home = homeView(view, subs, 'Unsubscribed.');
    expect(home.blocks.length).toBeLessThanOrEqual(HOME_BLOCKS);
    expect(checkView(home, 'home')).toEqual([]);
    const more = JSON.stringify(home.blocks.at(-2));
    expect(more).toMatch(/and \d+ more: `\/rankwatch subscriptions`/);
    const shown = home.blocks.filter((b) => b.type === 'section' && 'accessory' in b).length;
    expect(shown + Number(/and (\d+) more/.exec(more)![1])).toBe(150);
  });

  it('given 161 home blocks, the stand-in refuses the view', async () => {
    const view = await world.deps().services.charts();
    const home = homeView(view, [QWEN_SLUG]);
    const blocks = [...home.blocks, ...Array.from({ length: 161 - home.blocks.length }, () => ({ type: 'divider' }))];
    expect(checkView({ ...home, blocks }, 'home')).toEqual(['no more than 100 items allowed [json-pointer:/view/blocks]']);
  });

  it.each([
    ['https://openrouter.ai/qwen/qwen3.6-plus', 'qwen/qwen3.6-plus'],
    ['https://www.openrouter.ai/Qwen/Qwen3.6-Plus/providers?tab=1', 'qwen/qwen3.6-plus'],
    ['https://openrouter.ai/rankings', null],
    ['https://openrouter.ai/docs/quickstart', null],
    ['https://openrouter.ai.evil.example/qwen/qwen3.6-plus', null],
    ['not a url', null],
  ])('given the link %s, the model id is %s', (url, id) => {
    expect(modelIdOfLink(url)).toBe(id);
  });
});

describe('stand-in trigger_id', () => {
  let fake: FakeSlack;
  beforeAll(async () => void (fake = await startFakeSlack()));
  afterAll(async () => fake.close());

  const open = async (trigger: string) => {
    const view = JSON.stringify(setupModal(ORIGIN, { types: [], charts: [] }));
    const res = await fetch(`${fake.url}views.open`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ trigger_id: trigger, view }) });
    return ((await res.json()) as { ok: boolean; error?: string }).error ?? 'ok';
  };

  it('works once within 3 s; later or again it is refused with Slack error codes', async () => {
    const fresh = String(fake.slashCommandPayload().payload.trigger_id);
    expect(await open(fresh)).toBe('ok');
    expect(await open(fresh)).toBe('exchanged_trigger_id');
    const stale = String(fake.slashCommandPayload().payload.trigger_id);
    fake.advanceTime(TRIGGER_TTL_MS + 1);
    expect(await open(stale)).toBe('expired_trigger_id');
    expect(await open('1.2.nope')).toBe('invalid_trigger_id');
  });
});
