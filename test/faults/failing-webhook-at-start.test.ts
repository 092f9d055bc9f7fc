// A configured webhook that was failing when the bot stopped is said again at start (log and
// /status), and is never disabled: its alerts stay owed until it answers or the variable changes.
import { afterAll, describe, expect, it } from 'vitest';
import { webhookHash } from '../../src/delivery/destination.js';
import { openRouterWorld, startApp, type E2eApp, type OpenRouterWorld } from '../e2e/support.js';

let world: OpenRouterWorld;
let e2e: E2eApp;
afterAll(async () => {
  await e2e?.close();
  await world?.fake.close();
});

describe('configured webhooks at start', () => {
  it('given a webhook failing since an earlier run, then start reports it at error and on /status, and does not disable it', async () => {
    world = await openRouterWorld('Evil');
    const url = 'http://127.0.0.1:9/api/webhooks/123456789012345678/token';
    e2e = await startApp(world, { DISCORD_WEBHOOK_URLS: url }, { paced: false });
    const dest = { kind: 'discord-webhook' as const, hash: webhookHash(url) };
    await e2e.app.outbox.setFailure(dest, { since: '2026-03-11T08:00:00.000Z', attempts: 40, reason: 'discord webhook: Discord 404 10015 Unknown Webhook', nextAt: '2026-03-12T12:10:00.000Z' });
    await e2e.app.settings.disable({ dest, reason: 'gone: Unknown Webhook', at: '2026-03-11T08:00:00.000Z' }); // as an older version did
    await e2e.app.start({ schedule: false });
    expect(e2e.logger.errors().map((l) => l.msg)).toContain('configured webhook has been failing since an earlier run; its alerts are kept and retried (remove it from the *_WEBHOOK_URLS variable to stop)');
    const status = await e2e.app.services.status();
    expect(status.trouble).toEqual([expect.objectContaining({ part: `webhook discord:webhook:${dest.hash}`, state: 'retrying', detail: expect.stringMatching(/Unknown Webhook/), critical: false })]);
    expect(status.disabled).toEqual([]);
    expect(JSON.stringify(status)).not.toContain('token');
  });
});
