import { describe, expect, it } from 'vitest';
import { killMidFanOut } from '../chaos/kill.js';

describe('durable delivery survives kill -9', () => {
  it('given a process killed in the middle of delivering to many channels, when it restarts, then every alert arrives and only in-flight ones may repeat', async () => {
    const r = await killMidFanOut('kill -9 mid fan-out', 40, 50);
    expect(r.facts).toMatchObject({ signal: 'SIGKILL', resumedCode: 0, maxCopies: expect.any(Number) });
    expect(r.planned).toBeGreaterThan(r.killedAt);
    expect(r.sentBeforeRestart).toBeLessThan(r.planned);
    expect(r.lost).toBe(0); // every alert arrived
    // Only a send in flight at the kill can repeat: at most once, one per destination lane (8 run at once).
    expect(r.facts.maxCopies).toBeLessThanOrEqual(2);
    expect(r.duplicateLanes).toBe(r.doubled);
    expect(r.doubled).toBeLessThanOrEqual(8);
    console.log(`[crash] planned ${r.planned}, received before restart ${r.sentBeforeRestart}, duplicates ${r.doubled}`);
  }, 60_000);
});
