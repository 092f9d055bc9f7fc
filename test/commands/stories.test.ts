import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { planFanOut } from '../../src/delivery/fan-out.js';
import { makeEvent } from '../../src/domain/events.js';
import { labOf } from '../../src/domain/labs.js';
import { CLAUDE, QWEN, member, openWorld, type World } from './world.js';

let world: World;
beforeEach(async () => (world = await openWorld()));
afterEach(() => world.close());

const typed = (cmd: string, line: string, who = member('alice')) => world.run(cmd, parseCommandText(REGISTRY.get(cmd)!, line), who);

describe('/leaderboard on the lab charts', () => {
  it('given chart labs_weekly, then labs are ranked with their share of the week (other included)', async () => {
    const reply = await typed('leaderboard', 'labs_weekly');
    expect(reply.title).toBe('Weekly lab chart, 2026-W14 (2026-03-30 to 2026-04-05, UTC)');
    expect(reply.table!.columns).toEqual(['#', 'Lab', 'Tokens', 'Share', 'Change', 'At #1']);
    expect(reply.table!.rows.map((r) => r.join(' | '))).toMatchInlineSnapshot(`
      [
        "1 | Alibaba (Qwen) | 13.1T | 41.8% | = +32.2% | 3w",
        "2 | Anthropic | 6.37T | 20.4% | = +8.3% | ",
        "3 | Google | 2.75T | 8.8% | = +5.6% | ",
        "4 | OpenAI | 2.27T | 7.3% | = +9.4% | ",
        "5 | DeepSeek | 1.32T | 4.2% | = −6.9% | ",
        "6 | xAI | 1.05T | 3.4% | = +0.0% | ",
        "7 | MiniMax | 906B | 2.9% | = −10.1% | ",
      ]
    `);
  });

  it('given chart labs_daily, then it answers from the latest day', async () => {
    const reply = await typed('leaderboard', 'labs_daily');
    expect(reply.table!.columns[1]).toBe('Lab');
    expect(reply.title).toBe('Daily lab chart, 2026-04-05 (UTC)');
  });

  it('given chart labs_monthly before any whole month, then it says there is none yet (history starts 03-02)', async () => {
    expect((await typed('leaderboard', 'labs_monthly')).text).toBe('There is no complete labs_monthly chart yet.');
  });
});

describe('/model and /records', () => {
  it('given a model, then its card names its lab and the lab region', async () => {
    const reply = await typed('model', CLAUDE);
    expect(reply.fields!.find((f) => f.label === 'Lab')!.value).toBe('Anthropic · the United States (US)');
  });

  it('given the history, then /records lists the strongest launches, strongest first', async () => {
    const launches = (await typed('records', '')).fields!.find((f) => f.label.startsWith('Strongest launches'))!.value;
    expect(launches.split('\n')[0]).toBe('1. Qwen3.6 Plus: 1.96T (2026-03-07 to 2026-03-13)');
  });
});

describe('/subscribe lab:<lab>', () => {
  it('given lab:qwen, then the DM follows the lab, and /subscriptions and /unsubscribe know it', async () => {
    const alice = member('alice');
    expect(await typed('subscribe', 'lab:qwen', alice)).toEqual({
      text: 'Subscribed: every Alibaba (Qwen) (the lab and its models) alert goes to your DMs. To stop: /unsubscribe lab:qwen',
      url: 'https://openrouter.ai/rankings',
      ephemeral: true,
    });
    expect((await world.services.settings.subscriptionsOf([alice.dm])).map((s) => s.model)).toEqual(['lab:qwen']);
    expect((await typed('subscriptions', '', alice)).table!.rows).toEqual([['Alibaba (Qwen) (lab)', 'your DMs', 'every event']]);
    expect((await typed('unsubscribe', 'lab:alibaba', alice)).text).toBe('Unsubscribed: Alibaba (Qwen) (lab) alerts no longer go to your DMs.');
  });

  it.each([
    ['lab:Anthropic', 'anthropic'],
    ['lab:x-ai', 'xai'],
    ['lab:moonshot here', 'moonshotai'],
  ])('given `/subscribe %s` by a manager, then it follows %s', async (line, lab) => {
    const mod = member('mod', { manager: true });
    await typed('subscribe', line, mod);
    const subs = await world.services.settings.subscriptionsOf([mod.dm, mod.channel]);
    expect(subs.map((s) => s.model)).toEqual([`lab:${lab}`]);
  });

  it.each([
    ['lab:nolab', /^No lab "nolab"\. Name one by its slug, e\.g\. /],
    ['qwen 3.6 plus lab:qwen', /name a model .* or a lab \(lab:qwen\), one of the two/],
  ])('given `/subscribe %s`, then it is refused', async (line, message) => {
    expect((await typed('subscribe', line)).text).toMatch(message);
  });

  it('given a lab subscription, then fan-out sends it the lab events and its models events, not other labs', async () => {
    const alice = member('alice');
    await typed('subscribe', 'lab:qwen', alice);
    const audience = await world.services.settings.audience();
    const at = (subject: string, chart: 'daily' | 'labs_weekly' = 'daily') =>
      planFanOut(makeEvent({ type: 'new_leader', chart, period: 'p', day: '2026-04-05', subject, tokens: 1n }), audience, (s) => labOf(s));
    expect(at(QWEN)).toEqual([alice.dm]);
    expect(at('qwen', 'labs_weekly')).toEqual([alice.dm]);
    expect(at(CLAUDE)).toEqual([]);
    expect(at('anthropic', 'labs_weekly')).toEqual([]);
    expect(planFanOut(makeEvent({ type: 'launch_record', chart: 'daily', period: 'p', day: '2026-04-05', subject: `${QWEN}:free`, tokens: 1n }), audience, (s) => labOf(s))).toEqual([alice.dm]);
  });
});
