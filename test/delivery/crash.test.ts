import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter } from '../fakes/openrouter.js';
import { settledAsOf } from '../support/pipeline.js';

const FIRST = '2026-01-01';
const LAST = '2026-02-09';
const NEXT = addDays(LAST, 1);
const CHANNELS = 40;

function child(args: string[]) {
  const proc = spawn(process.execPath, ['bin/run-ts.js', 'test/support/crash-child.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { proc, exited };
}

describe('durable delivery survives kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a process killed in the middle of delivering to many channels, when it restarts, then every alert arrives and only in-flight ones may repeat', async () => {
    const base = days(FIRST, 40, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, 'c/gamma': 100e9, other: 50e9 }));
    const fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
    const received: { event: string; dest: string }[] = [];
    let killAfter = Infinity;
    let onKill = () => {};
    const recorder: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(JSON.parse(body));
        if (received.length >= killAfter) onKill();
        setTimeout(() => res.end('ok'), 3); // a platform takes a moment: sends overlap
      });
    });
    await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
    const recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
    try {
      const first = await child([dir, fake.url, recorderUrl, NEXT, 'first', String(CHANNELS)]).exited;
      expect(first.out).toContain('planned 0');

      fake.setRows(setDay(base, NEXT, { 'a/alpha': 400e9, 'b/beta': 900e9, 'c/gamma': 100e9, other: 50e9 }));
      fake.setLastFinishedDay(NEXT);
      fake.setAsOf(settledAsOf(NEXT));
      const run = child([dir, fake.url, recorderUrl, addDays(NEXT, 1), 'run', String(CHANNELS)]);
      killAfter = 50;
      onKill = () => run.proc.kill('SIGKILL');
      const killed = await run.exited;
      expect(killed.signal).toBe('SIGKILL');
      const planned = Number(/planned (\d+)/.exec(killed.out)?.[1]);
      expect(planned).toBeGreaterThan(killAfter);
      const beforeRestart = received.length;
      expect(beforeRestart).toBeLessThan(planned);

      killAfter = Infinity;
      const resumed = await child([dir, fake.url, recorderUrl, addDays(NEXT, 1), 'resume', String(CHANNELS)]).exited;
      expect(resumed.code, resumed.out).toBe(0);

      const counts = new Map<string, number>();
      for (const r of received) counts.set(`${r.event}|${r.dest}`, (counts.get(`${r.event}|${r.dest}`) ?? 0) + 1);
      expect(counts.size).toBe(planned); // every alert arrived
      const dupes = [...counts].filter(([, n]) => n > 1);
      // Only a send in flight at the kill can repeat: at most one per destination lane (8 run at once).
      expect(dupes.every(([, n]) => n === 2)).toBe(true);
      expect(new Set(dupes.map(([k]) => k.split('|')[1])).size).toBe(dupes.length);
      expect(dupes.length).toBeLessThanOrEqual(8);
      console.log(`[crash] planned ${planned}, received before kill ${beforeRestart}, after restart ${received.length}, duplicates ${dupes.length}`);
    } finally {
      recorder.closeAllConnections();
      await new Promise((r) => recorder.close(r));
      await fake.close();
    }
  }, 60_000);
});
