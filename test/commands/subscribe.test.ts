import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { CLAUDE, KIMI, member, openWorld, QWEN, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const FORBIDDEN =
  "You need the Manage Channels permission (Discord) / to be a workspace admin or the channel's creator (Slack) to subscribe this channel; use `where:dm` to get DMs yourself.";
const models = async (dest: Parameters<SettingsStore['subscriptionsOf']>[0][number]) => (await world.services.settings.subscriptionsOf([dest])).map((s) => s.model);

describe('/subscribe', () => {
  it('given a loose name, then the caller is subscribed by DM and told so privately', async () => {
    const alice = member('alice');
    const reply = await world.run('subscribe', { model: 'qwen 3.6 plus' }, alice);
    expect(reply).toEqual({ text: `Subscribed: every Qwen3.6 Plus alert goes to your DMs. To stop: /unsubscribe ${QWEN}`, url: 'https://openrouter.ai/qwen/qwen3.6-plus', ephemeral: true });
    expect(await models(alice.dm)).toEqual([QWEN]);
    expect((await world.run('subscribe', { model: QWEN }, alice)).text).toMatch(/^Already subscribed: every Qwen3\.6 Plus alert goes to your DMs\./);
  });

  it('given where:here from a member who cannot manage the channel, then it is refused and nothing is stored', async () => {
    const bob = member('bob');
    expect(await world.run('subscribe', parseCommandText(REGISTRY.get('subscribe')!, 'where:here sonnet'), bob)).toEqual({ text: FORBIDDEN, ephemeral: true });
    expect(await models(bob.channel)).toEqual([]);
  });

  it('given where:here from a channel manager, then the channel is subscribed', async () => {
    const mod = member('mod', { manager: true });
    expect((await world.run('subscribe', { model: CLAUDE, where: 'here' }, mod)).text).toBe(
      `Subscribed: every Claude Sonnet 4.6 alert goes to #general. To stop: /unsubscribe ${CLAUDE} where:here`,
    );
    expect(await models(mod.channel)).toEqual([CLAUDE]);
    expect(await models(mod.dm)).toEqual([]);
  });

  it.each([
    ['qwen 3.6 plus', 'your DMs'],
    ['qwen 3.6 plus here', '#general'],
    ['claude sonnet 4.6 dm', 'your DMs'],
  ])('given `/subscribe %s` typed by a manager, then the words before a where are the model', async (line, place) => {
    const reply = await world.run('subscribe', parseCommandText(REGISTRY.get('subscribe')!, line), member('mod', { manager: true }));
    expect(reply.text).toMatch(new RegExp(`^Subscribed: every (Qwen3\\.6 Plus|Claude Sonnet 4\\.6) alert goes to ${place}\\.`));
  });

  it('given `/subscribe qwen 3.6 plus where:everywhere` typed, then the where is refused by name, not folded into the model', async () => {
    const erin = member('erin');
    const reply = await world.run('subscribe', parseCommandText(REGISTRY.get('subscribe')!, 'qwen 3.6 plus where:everywhere'), erin);
    expect(reply).toEqual({ text: '/subscribe: `where`: want one of dm, here. Try /help subscribe.', ephemeral: true });
    expect(await models(erin.dm)).toEqual([]);
  });

  it('given where:here in a DM, then it is the same as dm', async () => {
    const dm = member('carol', { inDm: true });
    expect((await world.run('subscribe', { model: CLAUDE, where: 'HERE' }, dm)).text).toMatch(/goes to your DMs/);
    expect(await models(dm.dm)).toEqual([CLAUDE]);
  });

  it('given a DM that had been stopped, then subscribing turns it back on', async () => {
    const dave = member('dave');
    await world.services.settings.disable({ dest: dave.dm, reason: 'DMs closed', at: '2026-04-01T00:00:00.000Z' });
    expect((await world.run('subscribe', { model: QWEN }, dave)).text).toContain('Deliveries there had stopped (DMs closed); they are back on.');
    expect(await world.services.settings.disabledEntry(dave.dm)).toBeUndefined();
  });

  it('given an unknown model, then it suggests names and stores nothing', async () => {
    const erin = member('erin');
    expect((await world.run('subscribe', { model: 'claud sonet' }, erin)).text).toBe('No charted model matches "claud sonet". Did you mean Claude Sonnet 4.6?');
    expect(await models(erin.dm)).toEqual([]);
  });

  it('given 200 people subscribing at once, then every subscription is stored and survives a restart', async () => {
    const people = Array.from({ length: 200 }, (_, i) => member(`user-${i}`));
    const replies = await Promise.all(people.map((p, i) => world.run('subscribe', { model: i % 2 ? QWEN : CLAUDE }, p)));
    expect(replies.every((r) => r.text?.startsWith('Subscribed: '))).toBe(true);
    const reopened = new SettingsStore(await world.reopen());
    expect(await reopened.countSubscriptions()).toBe(200);
    expect((await reopened.subscribersOf(QWEN)).length).toBe(100);
    expect((await reopened.subscriptionsOf([people[199].dm])).map((s) => s.model)).toEqual([QWEN]);
  });
});

describe('/unsubscribe and /subscriptions', () => {
  it('given a model the person follows, then it is removed; again, it says they were not subscribed', async () => {
    const frank = member('frank');
    await world.run('subscribe', { model: QWEN }, frank);
    expect((await world.run('unsubscribe', { model: 'Qwen3.6 Plus' }, frank)).text).toBe('Unsubscribed: Qwen3.6 Plus alerts no longer go to your DMs.');
    expect((await world.run('unsubscribe', { model: 'Qwen3.6 Plus' }, frank)).text).toBe(
      'Not subscribed: Qwen3.6 Plus alerts do not go to your DMs. /subscriptions lists what you follow.',
    );
  });

  it('given a followed model no longer known to the charts, then a loose name still finds it', async () => {
    const gina = member('gina');
    await world.services.settings.subscribe({ model: 'old/retired-model-2025', dest: gina.dm, by: gina.user, at: '2026-01-01T00:00:00.000Z' });
    expect((await world.run('unsubscribe', { model: 'retired model' }, gina)).text).toBe('Unsubscribed: retired-model-2025 alerts no longer go to your DMs.');
    expect(await models(gina.dm)).toEqual([]);
  });

  it('given where:here from a member, then unsubscribing the channel is refused', async () => {
    expect((await world.run('unsubscribe', { model: QWEN, where: 'here' }, member('hal'))).text).toMatch(/^You need the Manage Channels permission/);
  });

  it('given DM and channel subscriptions, then /subscriptions lists both, privately', async () => {
    const mod = member('ivy', { manager: true });
    await world.run('subscribe', { model: QWEN }, mod);
    await world.run('subscribe', { model: KIMI }, mod);
    await world.run('subscribe', { model: CLAUDE, where: 'here' }, mod);
    const reply = await world.run('subscriptions', {}, mod);
    expect(reply.ephemeral).toBe(true);
    expect(reply.table).toEqual({
      columns: ['Model', 'Where', 'Alerts'],
      rows: [
        ['Kimi K2.5', 'your DMs', 'every event'],
        ['Qwen3.6 Plus', 'your DMs', 'every event'],
        ['Claude Sonnet 4.6', '#general', 'every event'],
      ],
    });
    expect((await world.run('subscriptions', {}, member('nobody', { inDm: true }))).text).toBe('No subscriptions. /subscribe <model> sends you every alert about one model.');
  });
});
