import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestModels } from '../../commands/dispatch.js';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import type { Invocation } from '../../commands/command.js';
import { renderReplyText } from '../../src/adapters/console/render.js';
import { CLAUDE, KIMI, QWEN, member, openWorld, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const typed = (cmd: string, line: string, who: Invocation = member('alice')) => world.run(cmd, parseCommandText(REGISTRY.get(cmd)!, line), who);
const terminal: Invocation = { platform: 'console', user: { platform: 'console', userId: 'you' }, channel: { kind: 'console' }, dm: { kind: 'console' }, canManageChannel: true, inDm: false };

describe('/subscribe <model> [events] [top]', () => {
  it('given events and top typed by name, then the subscription keeps them and the reply says so', async () => {
    const alice = member('alice');
    const reply = await typed('subscribe', 'qwen 3.6 plus events:new_leader,milestone top:5', alice);
    expect(reply.text).toBe(`Subscribed: Qwen3.6 Plus alerts (only new_leader, milestone; while in the top 5) go to your DMs. To stop: /unsubscribe ${QWEN}`);
    expect((await world.services.settings.subscribersOf(QWEN)).map((s) => s.when)).toEqual([{ events: ['new_leader', 'milestone'], top: 5 }]);
    // Asked again without conditions: every event again, and the reply says it changed.
    expect((await world.run('subscribe', { model: QWEN }, alice)).text).toMatch(/^Updated: every Qwen3\.6 Plus alert goes to your DMs\./);
    expect((await world.services.settings.subscribersOf(QWEN))[0].when).toBeUndefined();
  });

  it.each([
    ['events:new_leader,strak', '/subscribe: `events`: unknown event type "strak": want some of new_leader, streak, record_day, milestone, personal_best, debut, rank_change, sweep, launch_record. Try /help subscribe.'],
    ['top:0', '/subscribe: `top`: want a whole number from 1 to 50. Try /help subscribe.'],
    ['top:many', '/subscribe: `top`: want a whole number from 1 to 50. Try /help subscribe.'],
  ])('given `/subscribe qwen %s`, then it is refused naming the bad value', async (conditions, message) => {
    expect((await typed('subscribe', `qwen 3.6 plus ${conditions}`)).text).toBe(message);
    expect(await world.services.settings.subscribersOf(QWEN)).toEqual([]);
  });

  it('given a lab with conditions, then the lab subscription keeps them', async () => {
    expect((await typed('subscribe', 'lab:qwen events:new_leader')).text).toMatch(/^Subscribed: Alibaba \(Qwen\) \(the lab and its models\) alerts \(only new_leader\) go to your DMs\./);
    expect((await world.services.settings.subscribersOf('lab:qwen'))[0].when).toEqual({ events: ['new_leader'] });
  });

  it('given a conditional subscription, when the Follow button is clicked, then the conditions stay', async () => {
    const { handleButton } = await import('../../commands/button.js');
    const bob = member('bob');
    await typed('subscribe', `${QWEN} top:3`, bob);
    expect((await handleButton(`follow:${QWEN}`, world.ctx(bob))).text).toMatch(/^Already subscribed: Qwen3\.6 Plus alerts \(while in the top 3\)/);
    expect((await world.services.settings.subscribersOf(QWEN))[0].when).toEqual({ top: 3 });
  });
});

describe('/subscriptions', () => {
  it('given the console, where the DM and the channel are one place, then each subscription is listed once, aligned, with its conditions', async () => {
    await typed('subscribe', `${QWEN} events:new_leader top:3`, terminal);
    await typed('subscribe', CLAUDE, terminal);
    const text = renderReplyText(await world.run('subscriptions', {}, terminal));
    expect(text).toMatchInlineSnapshot(`
      "Subscriptions
      Stop one with /unsubscribe <model> (add where:here for this channel).
      Model              Where          Alerts
      ─────────────────  ─────────────  ───────────────────────────────────
      Claude Sonnet 4.6  this terminal  every event
      Qwen3.6 Plus       this terminal  only new_leader; while in the top 3"
    `);
  });
});

describe('/unsubscribe autocomplete', () => {
  it('given what the person follows, then those come first (matching what is typed), then other models', async () => {
    const mod = member('mod', { manager: true });
    await world.run('subscribe', { model: KIMI }, mod);
    await world.run('subscribe', { model: CLAUDE, where: 'here' }, mod);
    await typed('subscribe', 'lab:qwen', mod);
    const all = await suggestModels(world.ctx(mod), '', 25, 'unsubscribe');
    expect(all.slice(0, 3)).toEqual([
      { name: 'Alibaba (Qwen) (lab) — you follow (by DM)', value: 'lab:qwen' },
      { name: 'Claude Sonnet 4.6 — you follow (here)', value: CLAUDE },
      { name: 'Kimi K2.5 — you follow (by DM)', value: KIMI },
    ]);
    expect(all.filter((c) => c.value === CLAUDE)).toHaveLength(1);
    const kimi = await suggestModels(world.ctx(mod), 'kimi', 25, 'unsubscribe');
    expect(kimi[0]).toEqual({ name: 'Kimi K2.5 — you follow (by DM)', value: KIMI });
    // /subscribe keeps the plain suggestions.
    expect((await suggestModels(world.ctx(mod), '', 25, 'subscribe')).some((c) => c.name.includes('you follow'))).toBe(false);
  });
});
