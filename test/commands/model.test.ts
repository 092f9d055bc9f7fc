import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleButton } from '../../commands/button.js';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { AS_OF, CLAUDE, member, openWorld, QWEN, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

describe('/model', () => {
  it('given a permaslug, then it shows the card with trend, reigns, best day and a follow button', async () => {
    const reply = await world.run('model', { model: QWEN });
    expect(reply.title).toBe('Qwen3.6 Plus');
    expect(reply.url).toBe('https://openrouter.ai/qwen/qwen3.6-plus');
    expect(reply.footer).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${AS_OF}`);
    expect(reply.buttons).toEqual([{ id: `follow:${QWEN}`, label: 'Follow this model' }]);
    expect(reply.fields!.map((f) => `${f.label}: ${f.value}`)).toMatchInlineSnapshot(`
      [
        "Today (2026-04-05 UTC): #1 · 1.84T tokens",
        "Share of the day: 39.0%",
        "Last 7 days: ▁▂▃▅▆▇█ 1.48T → 1.84T",
        "Days at #1 (daily): 18",
        "Weeks at #1 (weekly): 3",
        "Personal best: 1.84T on 2026-04-05 (UTC)",
        "First seen: 2026-03-07 (UTC)",
        "Lab: Alibaba (Qwen) · China (CN)",
      ]
    `);
  });

  it('given a model missing on a day of the week, then the sparkline shows a gap', async () => {
    const reply = await world.run('model', { model: 'minimax/minimax-m2.5' });
    expect(reply.fields!.find((f) => f.label === 'Last 7 days')!.value).toBe('▁▂▃·▆▇█ 148B → 154B');
    expect(reply.url).toBe('https://openrouter.ai/rankings');
  });

  it('given a model that has left the charts, then today says so', async () => {
    const reply = await world.run('model', { model: 'kimi k2.5' });
    expect(reply.fields!.slice(0, 3).map((f) => f.value)).toEqual(['Not charted', '—', 'Not charted']);
  });

  it.each([
    ['qwen 3.6 plus', 'Qwen3.6 Plus'],
    ['Qwen3.6 Plus', 'Qwen3.6 Plus'],
    ['qwen/qwen3.6-plus', 'Qwen3.6 Plus'],
    ['qwen/qwen3.6-plus:free', 'Qwen3.6 Plus (free)'],
    ['QWEN3.6-PLUS (FREE)', 'Qwen3.6 Plus (free)'],
    ['anthropic/claude-sonnet-4.6', 'Claude Sonnet 4.6'],
    ['sonnet', 'Claude Sonnet 4.6'],
  ])('given the loose name %j, then it resolves to %s', async (typed, name) => {
    expect((await world.run('model', { model: typed })).title).toBe(name);
  });

  it('given the name typed as text with spaces, then the whole text is the model', async () => {
    const reply = await world.run('model', parseCommandText(REGISTRY.get('model')!, 'claude sonnet 4.6'));
    expect(reply.text).toBe(CLAUDE);
  });

  it.each([
    ['qwen 3.6 plsu', 'No charted model matches "qwen 3.6 plsu". Did you mean Qwen3.6 Plus or Qwen3.6 Plus (free)?'],
    ['flash', '"flash" matches more than one model. Did you mean Gemini 3 Flash Preview or DeepSeek V4 Flash?'],
    ['zzzz', 'No charted model matches "zzzz". /leaderboard shows the models on the charts.'],
  ])('given %j, then it answers with did-you-mean', async (typed, message) => {
    expect(await world.run('model', { model: typed })).toEqual({ text: message, ephemeral: true });
  });

  it('given no model, then it says what to give', async () => {
    expect((await world.run('model', {})).text).toMatch(/^\/model: `model`: name a model/);
  });
});

describe('follow button', () => {
  it('given a click on "Follow this model", then the clicker is subscribed by DM, privately', async () => {
    const who = member('clicker');
    const reply = await handleButton(`follow:${QWEN}`, world.ctx(who));
    expect(reply).toMatchObject({ ephemeral: true, text: `Subscribed: every Qwen3.6 Plus alert goes to your DMs. To stop: /unsubscribe ${QWEN}` });
    expect((await world.services.settings.subscriptionsOf([who.dm])).map((s) => s.model)).toEqual([QWEN]);
    expect((await handleButton(`follow:${QWEN}`, world.ctx(who))).text).toMatch(/^Already subscribed/);
  });

  it('given an unknown button or model, then it answers with a short private message', async () => {
    expect(await handleButton('nope:x', world.ctx(member('u')))).toEqual({ text: 'This button is no longer supported. Try /help.', ephemeral: true });
    expect((await handleButton('follow:a/none', world.ctx(member('u')))).text).toBe('a/none is not on the charts any more. /subscribe accepts current models.');
  });
});
