// kill -9 in the middle of a fan-out, with a real child process: the real poll → outbox → delivery
// path on SQLite posting each alert to a recorder over HTTP. The restart delivers the rest.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../src/domain/calendar.js';
import { days, setDay } from '../domain/history-builder.js';
import { startFakeOpenRouter } from '../fakes/openrouter.js';
import { settledAsOf } from '../support/pipeline.js';
import type { ChaosResult } from './scenarios.js';

const FIRST = '2026-01-01';
const LAST = '2026-02-09';
const NEXT = addDays(LAST, 1);

function child(args: string[]) {
  const proc = spawn(process.execPath, ['bin/run-ts.js', 'test/support/crash-child.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { proc, exited };
}

/** Kills the child after `killAfter` alerts reached the recorder, restarts it, and counts what arrived. */
export async function killMidFanOut(label: string, channels = 40, killAfter = 50): Promise<ChaosResult & { killedAt: number; sentBeforeRestart: number; duplicateLanes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-crash-'));
  const base = days(FIRST, 40, () => ({ 'a/alpha': 500e9, 'b/beta': 300e9, 'c/gamma': 100e9, other: 50e9 }));
  const fake = await startFakeOpenRouter({ rows: base, lastFinishedDay: LAST, asOf: settledAsOf(LAST) });
  const received: { event: string; dest: string }[] = [];
  let limit = Infinity;
  let onKill = () => {};
  const recorder: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(JSON.parse(body));
      if (received.length >= limit) onKill();
      setTimeout(() => res.end('ok'), 3); // a platform takes a moment: sends overlap
    });
  });
  await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
  const recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
  try {
    await child([dir, fake.url, recorderUrl, NEXT, 'first', String(channels)]).exited;
    fake.setRows(setDay(base, NEXT, { 'a/alpha': 400e9, 'b/beta': 900e9, 'c/gamma': 100e9, other: 50e9 }));
    fake.setLastFinishedDay(NEXT);
    fake.setAsOf(settledAsOf(NEXT));
    const run = child([dir, fake.url, recorderUrl, addDays(NEXT, 1), 'run', String(channels)]);
    limit = killAfter;
    onKill = () => run.proc.kill('SIGKILL');
    const killed = await run.exited;
    const planned = Number(/planned (\d+)/.exec(killed.out)?.[1]);
    const sentBeforeRestart = received.length;
    limit = Infinity;
    const started = Date.now();
    const resumed = await child([dir, fake.url, recorderUrl, addDays(NEXT, 1), 'resume', String(channels)]).exited;
    const counts = new Map<string, number>();
    for (const r of received) counts.set(`${r.event}|${r.dest}`, (counts.get(`${r.event}|${r.dest}`) ?? 0) + 1);
    const dupes = [...counts].filter(([, n]) => n > 1);
    return {
      scenario: label, planned, delivered: counts.size, lost: planned - counts.size, dropped: 0, doubled: received.length - counts.size,
      recoveredMs: Date.now() - started, disabled: 0, killedAt: killAfter, sentBeforeRestart,
      duplicateLanes: new Set(dupes.map(([k]) => k.split('|')[1])).size,
      facts: { signal: killed.signal, resumedCode: resumed.code, maxCopies: Math.max(1, ...dupes.map(([, n]) => n)) },
    };
  } finally {
    recorder.closeAllConnections();
    await new Promise((r) => recorder.close(r));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
