import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { slackRequestAccepted } from '../../../src/adapters/slack/signed-request.js';
import { ReplayGuard } from '../../../src/http/replay-guard.js';

const SECRET = 'signing-secret';
const NOW_S = 1_775_000_000;
const FORM = 'application/x-www-form-urlencoded';

function signed(body: string, ts = NOW_S, secret = SECRET) {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { raw: Buffer.from(body), headers: { 'content-type': FORM, 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) } };
}

describe('slackRequestAccepted (against the injected clock)', () => {
  it('given a fresh signed request, then it passes once and its replay is told apart as seen', () => {
    const guard = new ReplayGuard();
    const r = signed('command=%2Fstatus');
    expect(slackRequestAccepted(SECRET, r.raw, r.headers, NOW_S * 1000, guard)).toBe('ok');
    expect(slackRequestAccepted(SECRET, r.raw, r.headers, NOW_S * 1000 + 5000, guard)).toBe('seen');
  });

  it.each([
    ['301 s ahead', signed('a=1', NOW_S + 301)],
    ['301 s old', signed('a=1', NOW_S - 301)],
    ['another secret', signed('a=1', NOW_S, 'other')],
    ['a v1 signature', { ...signed('a=1'), headers: { ...signed('a=1').headers, 'x-slack-signature': signed('a=1').headers['x-slack-signature'].replace('v0=', 'v1=') } }],
  ])('given %s, then it is refused and nothing is recorded', (_, r) => {
    const guard = new ReplayGuard();
    expect(slackRequestAccepted(SECRET, r.raw, r.headers, NOW_S * 1000, guard)).toBe('bad');
    expect(guard.size).toBe(0);
  });

  it("given Slack's unsigned ssl_check probe, then it goes on to Bolt (which answers it and drops the rest)", () => {
    const guard = new ReplayGuard();
    expect(slackRequestAccepted(SECRET, Buffer.from('ssl_check=1&token=x'), { 'content-type': FORM }, NOW_S * 1000, guard)).toBe('ok');
  });
});
