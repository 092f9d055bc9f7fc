// Each fault scenario through the real app and the stand-ins: the bot keeps running, nothing is
// lost, nothing is doubled, and the outcome is what the contract says (paused, kept, disabled, dropped).
import { describe, expect, it } from 'vitest';
import { voiceChannel, hangingWebhook, openRouterDown, pastGiveUp, platformDown, tokenRevoked, webhook404 } from './scenarios.js';

const HOUR = 3600_000;

// A short outage (retried within seconds) and a long one (backoff at its 10-minute cap for hours)
// per platform; a 10-minute case added nothing the 6-hour one does not show, and cost 25 s of CI.
describe('outages, on a manual clock', () => {
  it.each([
    ['discord', 15_000],
    ['discord', 6 * HOUR],
    ['slack', 15_000],
    ['slack', 6 * HOUR],
  ] as const)('given %s down for %i ms, when it comes back, then every alert arrives once and nothing is disabled', async (platform, ms) => {
    const r = await platformDown(platform, ms, 'x');
    expect(r.planned).toBeGreaterThan(0);
    expect(r.facts.deliveredDuringOutage).toBe(0);
    expect(r).toMatchObject({ delivered: r.planned, lost: 0, doubled: 0, dropped: 0, disabled: 0 });
    // Backoff is capped at 10 minutes, so recovery never waits longer than that.
    expect(r.recoveredMs).toBeLessThanOrEqual(10 * 60_000);
  }, 120_000);

  it('given Discord down past the 24 h give-up window, then each alert is recorded as dropped and counted on /status, none vanishes', async () => {
    const r = await pastGiveUp('x');
    expect(r).toMatchObject({ delivered: 0, lost: 0, dropped: r.planned, disabled: 0 });
    expect(JSON.parse(r.facts.status as string)).toMatchObject({ dropped: r.planned, pending: 0 });
  }, 120_000);
});

describe('token-wide errors pause the platform', () => {
  it.each(['discord', 'slack'] as const)('given the %s token revoked for an hour and restored, then delivery waited (paused), disabled nothing, and resumes with every alert once', async (platform) => {
    const r = await tokenRevoked(platform, HOUR, 'x');
    expect(r.facts).toMatchObject({ paused: 'paused', disabledDuring: 0 });
    expect(r).toMatchObject({ delivered: r.planned, lost: 0, doubled: 0, dropped: 0, disabled: 0 });
  }, 120_000);
});

describe('destinations', () => {
  it('given a configured webhook answering 404 for an hour, then it is kept and retried (never disabled), and gets every alert once fixed', async () => {
    const r = await webhook404(HOUR, 'x');
    expect(r.facts).toMatchObject({ webhookState: 'retrying', disabledDuring: 0 });
    expect(r).toMatchObject({ delivered: r.planned, lost: 0, doubled: 0, dropped: 0, disabled: 0 });
  }, 120_000);

  it('given a voice channel (Discord 400 50008), then it is disabled with the reason and its owner told; the other channels get every alert', async () => {
    const r = await voiceChannel('x');
    expect(r.disabled).toBe(1);
    expect(r.facts.disabledReason).toMatch(/50008/);
    expect(r.facts.ownerTold).toBe(true);
    expect(r.lost).toBe(0);
    expect(r.delivered + r.dropped).toBe(r.planned);
    expect(r.delivered).toBe((r.planned / 3) * 2);
  }, 120_000);
});

describe('the source and slow destinations', () => {
  it('given OpenRouter down for 2 h while a day completes, then the schedule retries with backoff and the day’s alerts arrive once when it is back', async () => {
    const r = await openRouterDown(2 * HOUR, 'x');
    expect(r.facts).toMatchObject({ failedPoll: 0, syncDuring: 'retrying' });
    expect(r.planned).toBeGreaterThan(0);
    expect(r).toMatchObject({ delivered: r.planned, lost: 0, doubled: 0, dropped: 0 });
  }, 120_000);

  it('given a webhook that hangs beside two channels, then the channels get every alert without waiting for it, and it gets its own once it answers', async () => {
    const r = await hangingWebhook('x');
    expect(r.facts.othersDelivered).toBe(true);
    expect(r).toMatchObject({ delivered: r.planned, lost: 0, doubled: 0, dropped: 0, disabled: 0 });
  }, 120_000);
});
