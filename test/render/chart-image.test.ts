import { describe, expect, test } from 'vitest';
import { chartImage, fileName, RenderCache } from '../../src/render/chart-image.js';
import type { Picture } from '../../src/render/picture.js';
import { decode } from './png.js';

const pic: Picture = {
  kind: 'leaderboard',
  title: 'Daily chart · top 2',
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-04-05T03:00:00.000Z',
  bars: [
    { rank: 1, name: 'A', tokens: 2, figure: '2', move: '', change: '' },
    { rank: 2, name: 'B', tokens: 1, figure: '1', move: '', change: '' },
  ],
};

describe('the render cache', () => {
  test('given one data version, when asked twice, then it draws once per theme', async () => {
    const cache = new RenderCache(8);
    let built = 0;
    const image = chartImage('leaderboard|daily|v1', 'x.png', 'alt', () => (built++, pic), cache);
    const first = await image.render('dark');
    expect(await image.render('dark')).toBe(first);
    expect(decode(await image.render('light')).width).toBe(720);
    expect([cache.misses, cache.hits, built]).toEqual([2, 1, 1]);
  });

  test('when it is full, then the least recently used is dropped; a failed render is not kept', async () => {
    const cache = new RenderCache(2);
    await cache.get('a', async () => Buffer.from('a'));
    await cache.get('b', async () => Buffer.from('b'));
    await cache.get('a', async () => Buffer.from('a2'));
    await cache.get('c', async () => Buffer.from('c'));
    expect((await cache.get('a', async () => Buffer.from('a3'))).toString()).toBe('a');
    expect((await cache.get('b', async () => Buffer.from('b2'))).toString()).toBe('b2');
    await expect(cache.get('d', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('d', async () => Buffer.from('d'))).toString()).toBe('d');
  });

  test('file names keep to what attachment:// links accept', () => {
    expect(fileName('model', 'qwen3.6-plus:free', '90d')).toBe('model-qwen3.6-plus-free-90d.png');
  });
});
