import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { handleButton } from '../../commands/button.js';
import { BUTTON_ID_MAX, followButtonId, followedSlug, slugHash } from '../../commands/follow-id.js';
import { renderAlert as discordAlert } from '../../src/adapters/discord/render.js';
import { buttonId, renderAlert as slackAlert } from '../../src/adapters/slack/render.js';
import type { Destination } from '../../src/delivery/destination.js';
import { followsIn, forDestination } from '../../src/delivery/send-once.js';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { member, openWorld, QWEN, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

const LONG = `some-lab/${'a-very-long-model-name-'.repeat(4)}2026-12-01`; // 109 characters
const alert = (followModel?: string): AlertMessage => ({
  eventId: `debut:daily:2026-04-05:${followModel ?? 'platform'}`,
  headline: 'A model debuts at #3',
  figures: [],
  url: 'https://openrouter.ai/rankings',
  linkLabel: 'View on OpenRouter',
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-04-06T02:40:00.000Z',
  day: '2026-04-05',
  ...(followModel ? { followModel } : {}),
});

describe('Follow button ids: any permaslug fits Discord (100) and Slack (255)', () => {
  test.each([
    { given: 'a short slug', slug: QWEN, id: `follow:${QWEN}` },
    { given: 'a 93-character slug (the longest that fits as it is)', slug: `x/${'m'.repeat(91)}`, id: `follow:x/${'m'.repeat(91)}` },
    { given: 'a 94-character slug', slug: `x/${'m'.repeat(92)}`, id: `follow-id:${slugHash(`x/${'m'.repeat(92)}`)}` },
    { given: 'a 109-character slug', slug: LONG, id: `follow-id:${slugHash(LONG)}` },
  ])('given $given, then the id is $id and resolves back', ({ slug, id }) => {
    expect(followButtonId(slug)).toBe(id);
    expect(id.length).toBeLessThanOrEqual(BUTTON_ID_MAX);
    expect(followedSlug(id, ['other/model', slug])).toBe(slug);
  });

  it('given a long slug, then Discord and Slack alerts both carry the button, within limits, and a Slack click maps back', () => {
    const discord = discordAlert(alert(LONG));
    const custom = (discord.components![0].components[0] as { custom_id: string }).custom_id;
    expect(custom).toBe(followButtonId(LONG));
    expect(custom.length).toBeLessThanOrEqual(100);
    const actions = slackAlert(alert(LONG)).blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value?: string }[] };
    expect(actions.elements[0].action_id.length).toBeLessThanOrEqual(255);
    expect(buttonId(actions.elements[0])).toBe(followButtonId(LONG));
  });

  it('given an unknown hash or another kind of id, then it is no model / not a follow button', () => {
    expect(followedSlug('follow-id:nope', [QWEN])).toBeNull();
    expect(followedSlug('mute:x', [QWEN])).toBeUndefined();
  });
});

describe('Follow for people who already follow', () => {
  const subscribe = (dest: Destination, model: string) => world.services.settings.subscribe({ model, dest, by: { platform: 'discord', userId: 'x' }, at: '2026-04-06T00:00:00.000Z' });

  it('given a DM subscribed to the model, then its alert has no Follow button; a DM that is not, and a channel, keep it', async () => {
    const fan = member('fan');
    const other = member('other');
    await subscribe(fan.dm, QWEN);
    await subscribe(fan.channel, QWEN);
    const follows = followsIn(world.services.settings);
    expect((await forDestination({ alert: alert(QWEN), dest: fan.dm }, follows)).followModel).toBeUndefined();
    expect((await forDestination({ alert: alert(QWEN), dest: other.dm }, follows)).followModel).toBe(QWEN);
    expect((await forDestination({ alert: alert(QWEN), dest: fan.channel }, follows)).followModel).toBe(QWEN);
    expect(discordAlert(await forDestination({ alert: alert(QWEN), dest: fan.dm }, follows)).components).toBeUndefined();
  });

  it('given a click by someone who already follows, then the answer says so; a hashed id subscribes like the plain one', async () => {
    const ann = member('ann');
    expect((await handleButton(`follow-id:${slugHash(QWEN)}`, world.ctx(ann))).text).toMatch(/^Subscribed: every Qwen3\.6 Plus alert goes to your DMs\./);
    const again = await handleButton(followButtonId(QWEN), world.ctx(ann));
    expect(again).toMatchObject({ ephemeral: true, text: expect.stringMatching(/^Already subscribed: every Qwen3\.6 Plus alert goes to your DMs\./) });
    expect((await handleButton('follow-id:unknown', world.ctx(ann))).text).toBe('That model is not on the charts any more. /subscribe accepts current models.');
  });

  it('given /model in the DMs of someone who follows it, then no Follow button; for someone who does not, one', async () => {
    const bea = member('bea', { inDm: true });
    expect((await world.run('model', { model: QWEN }, bea)).buttons).toEqual([{ id: followButtonId(QWEN), label: 'Follow this model' }]);
    await subscribe(bea.dm, QWEN);
    expect((await world.run('model', { model: QWEN }, bea)).buttons).toBeUndefined();
  });
});
