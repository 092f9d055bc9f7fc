import { describe, expect, it } from 'vitest';
import { isFresh, ReplayGuard, SIGNATURE_WINDOW_S } from '../../src/http/replay-guard.js';

const NOW_S = 1_775_000_000;
const NOW = NOW_S * 1000;

describe('isFresh', () => {
  it.each([
    [String(NOW_S), true],
    [String(NOW_S - 300), true],
    [String(NOW_S + 300), true],
    [String(NOW_S - 301), false],
    [String(NOW_S + 301), false],
    [String(NOW_S + 365 * 86_400), false],
    ['1e9', false],
    [' 1775000000', false],
    ['', false],
    [undefined, false],
  ])('given a timestamp header %o, then fresh is %s', (header, fresh) => {
    expect(isFresh(header, NOW)).toBe(fresh);
  });
});

describe('ReplayGuard', () => {
  it('given a signature seen once, then a second use within the window is refused and others pass', () => {
    const guard = new ReplayGuard();
    expect(guard.firstUse('sig-a', NOW_S, NOW)).toBe(true);
    expect(guard.firstUse('sig-a', NOW_S, NOW + 1000)).toBe(false);
    expect(guard.firstUse('sig-b', NOW_S, NOW + 1000)).toBe(true);
  });

  it('given time past an entry\'s window, then it is forgotten (the timestamp check refuses it by then anyway)', () => {
    const guard = new ReplayGuard();
    guard.firstUse('old', NOW_S, NOW);
    const later = NOW + (SIGNATURE_WINDOW_S + 61) * 1000;
    guard.firstUse('new', NOW_S + SIGNATURE_WINDOW_S + 61, later);
    expect(guard.size).toBe(1);
  });

  it('given more fresh signatures than the capacity, then memory stays bounded by forgetting the oldest', () => {
    const guard = new ReplayGuard(100);
    for (let i = 0; i < 1000; i++) expect(guard.firstUse(`sig-${i}`, NOW_S, NOW)).toBe(true);
    expect(guard.size).toBe(100);
    expect(guard.firstUse('sig-999', NOW_S, NOW)).toBe(false);
  });
});
