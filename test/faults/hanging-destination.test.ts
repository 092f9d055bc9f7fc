// A destination that accepts the connection and never answers. It costs each try the send timeout,
// never delays the other destinations, and `start --once` exits leaving its alerts owed in the
// outbox, for the next run to deliver once it answers again.
// The timeout is 3 s, not 1 s: on a busy 2-core machine a fresh process drawing its first picture
// (part of the send) took over 1 s, and the answering run then looked like a hang.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../src/domain/calendar.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fakes/openrouter.js';

const run = promisify(execFile);

describe('a destination that hangs', () => {
  const yesterday = addDays(dayOf(new Date()), -1);
  const first = addDays(yesterday, -40);
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-hang-'));
  let fake: FakeOpenRouter;
  let hook: Server;
  let answering = false;
  const posts: string[] = [];
  let url = '';

  beforeAll(async () => {
    const rows = setDay(days(first, 41, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, other: 40e9 })), yesterday, { 'a/alpha': 400e9, 'b/beta': 700e9, other: 40e9 });
    fake = await startFakeOpenRouter({ rows, lastFinishedDay: yesterday, asOf: `${yesterday}T03:00:00.000Z` });
    // A Discord webhook that takes the request and says nothing, until `answering`.
    hook = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (!answering) return;
        posts.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/webhooks/123456789012345678/token`;
  });
  afterAll(async () => {
    hook.closeAllConnections();
    await new Promise((r) => hook.close(r));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const once = () =>
    run(process.execPath, ['bin/rankwatch.js', 'start', '--once'], {
      env: { PATH: process.env.PATH, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: fake.url, STORE_URL: `sqlite://${join(dir, 's.sqlite')}`, DISCORD_WEBHOOK_URLS: url, DELIVERY_TIMEOUT_MS: '3000', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });

  it('given a hanging webhook, when start --once has alerts for it, then it exits 0 within seconds and says they are still owed; once it answers, the next run delivers them once', async () => {
    await once(); // the silent first sync
    fake.setAsOf(`${addDays(yesterday, 1)}T03:00:00.000Z`);
    const started = Date.now();
    const stuck = await once();
    const took = Date.now() - started;
    expect(stuck.stderr).toMatch(/rankwatch: \d+ deliveries still owed to destinations that are failing; the next run retries them/);
    expect(posts).toEqual([]);
    console.log(`[hang] start --once with a hanging webhook exited after ${(took / 1000).toFixed(1)} s`);

    answering = true;
    const owed = Number(/(\d+) deliveries still owed/.exec(stuck.stderr)![1]);
    // The lane's backoff is persisted: the next run waits it out (a few seconds) and delivers.
    await new Promise((r) => setTimeout(r, 8000));
    const fixed = await once();
    expect(fixed.stderr).not.toMatch(/still owed/);
    expect(posts).toHaveLength(owed);
    expect(new Set(posts.map((p) => payloadOf(p).embeds?.[0]?.title)).size).toBe(owed);
  }, 90_000);
});

/** A webhook body: JSON, or multipart (an alert with its picture) whose payload_json part is the message. */
function payloadOf(body: string): { embeds?: { title?: string }[] } {
  if (body.trimStart().startsWith('{')) return JSON.parse(body);
  const part = /name="payload_json"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n--/.exec(body);
  if (!part) throw new Error(`no payload_json in the webhook body: ${body.slice(0, 200)}`);
  return JSON.parse(part[1]);
}
