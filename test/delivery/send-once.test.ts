// A send's timeout measures the destination's silence, not our own work: reading history for the
// alert's picture (a whole walk on a fresh process) happens before the timeout starts.
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../src/domain/alert-message.js';
import type { AlertImage, Notifier } from '../../src/delivery/notifier.js';
import { sendOnce } from '../../src/delivery/send-once.js';
import { realTimers } from '../../src/delivery/timers.js';

const alert: AlertMessage = { eventId: 'new_leader:daily:2026-04-03:qwen/qwen3.6-plus', headline: 'Qwen3.6 Plus takes #1', figures: [], url: 'https://openrouter.ai/qwen', linkLabel: 'Qwen', footer: 'x', day: '2026-04-03' };
const answering: Notifier = { handles: () => true, send: async () => undefined, sendText: async () => undefined };

describe('sendOnce', () => {
  it('given a picture whose history takes longer than the send timeout to read, then the send still succeeds', async () => {
    let ready = false;
    const image: AlertImage = { name: 'x.png', alt: 'x', ready: () => new Promise<void>((r) => setTimeout(() => ((ready = true), r()), 150)), draw: async () => null };
    const outcome = await sendOnce([answering], { alert, dest: { kind: 'console' } }, realTimers, 50, image);
    expect(ready).toBe(true);
    expect(outcome.kind).toBe('sent');
  });

  it('given a destination that stays silent past the timeout, then it still times out', async () => {
    const silent: Notifier = { ...answering, send: () => new Promise(() => undefined) };
    const outcome = await sendOnce([silent], { alert, dest: { kind: 'console' } }, realTimers, 50);
    expect(outcome).toMatchObject({ kind: 'failed', failure: 'retry' });
  });
});
