import { describe, expect, test } from 'vitest';
import { REGISTRY } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { labelModel } from '../../src/domain/names.js';

const parse = (name: string, text: string) => parseCommandText(REGISTRY.get(name)!, text);

describe('parseCommandText: typed text becomes the options Discord would send', () => {
  test.each([
    ['subscribe', 'qwen 3.6 plus', { model: 'qwen 3.6 plus' }],
    ['subscribe', 'qwen 3.6 plus here', { model: 'qwen 3.6 plus', where: 'here' }],
    ['subscribe', 'here qwen/qwen3.6-plus-04-02', { model: 'qwen/qwen3.6-plus-04-02', where: 'here' }],
    ['subscribe', 'model:qwen where:dm', { model: 'qwen', where: 'dm' }],
    ['subscribe', 'qwen 3.6 plus where:everywhere', { model: 'qwen 3.6 plus', where: 'everywhere' }],
    ['leaderboard', 'weekly', { chart: 'weekly' }],
    ['leaderboard', 'hourly', { date: 'hourly' }],
    ['leaderboard', 'monthly 2026-04', { chart: 'monthly', date: '2026-04' }],
    ['leaderboard', 'monthly 2026-04-01 5', { chart: 'monthly', date: '2026-04-01', limit: '5' }],
    ['leaderboard', 'limit:3 trending', { chart: 'trending', limit: '3' }],
    ['model', 'claude sonnet 4.6', { model: 'claude sonnet 4.6' }],
    ['alerts', 'setup new_leader,streak daily', { subcommand: 'setup', types: 'new_leader,streak', charts: 'daily' }],
    ['alerts', 'OFF', { subcommand: 'off' }],
    ['help', 'model', { command: 'model' }],
  ])('/%s %s', (name, text, expected) => {
    expect(parse(name, text)).toEqual(expected);
  });

  test('words no option takes are kept aside, not silently dropped', () => {
    expect(parse('status', 'please')).toEqual({ _extra: 'please' });
  });
});

describe('labelModel for variants', () => {
  test('given a catalogue that lists only the :free id, then the name and link are not doubled', () => {
    const names = new Map([['google/gemini-2.0-flash-exp', { id: 'google/gemini-2.0-flash-exp:free', name: 'Google: Gemini 2.0 Flash Experimental (free)' }]]);
    expect(labelModel('google/gemini-2.0-flash-exp:free', names)).toMatchObject({ name: 'Gemini 2.0 Flash Experimental (free)', url: 'https://openrouter.ai/google/gemini-2.0-flash-exp:free' });
  });
  test('given the base model in the catalogue, then the variant is named and linked from it', () => {
    const names = new Map([['qwen/qwen3.6-plus-04-02', { id: 'qwen/qwen3.6-plus', name: 'Qwen: Qwen3.6 Plus' }]]);
    expect(labelModel('qwen/qwen3.6-plus-04-02:free', names)).toMatchObject({ name: 'Qwen3.6 Plus (free)', url: 'https://openrouter.ai/qwen/qwen3.6-plus:free' });
  });
  test('given a model the catalogue never knew, then a readable slug and the rankings page', () => {
    expect(labelModel('openrouter/quasar-alpha', new Map())).toMatchObject({ name: 'quasar-alpha', url: 'https://openrouter.ai/rankings', known: false });
  });
});
