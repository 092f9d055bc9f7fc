// Delivery worker child processes (bull-worker-child.ts) for the fleet test and bench.
import { spawn, type ChildProcess } from 'node:child_process';

export interface WorkerStats {
  pid: number;
  delivered: number;
  retried: number;
  /** Longest event-loop block while the process itself was busy (ms). */
  maxBlockMs: number;
  /** Longest timer delay of any cause, a starved CPU included (ms). */
  maxRawMs: number;
  perSecond: { busy: number; raw: number }[];
}

export interface WorkerChild {
  readonly proc: ChildProcess;
  ready: Promise<void>;
  /** The last stats line it printed. */
  stats(): WorkerStats | null;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output(): string;
}

export function spawnWorker(args: { redisUrl: string; prefix: string; namespace: string; discordUrl: string; token: string; concurrency?: number }): WorkerChild {
  const proc = spawn(process.execPath, ['bin/run-ts.js', 'test/delivery/bull-worker-child.ts', args.redisUrl, args.prefix, args.namespace, args.discordUrl, args.token, String(args.concurrency ?? 16)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let last: WorkerStats | null = null;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let partial = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d;
    const lines = (partial + String(d)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') markReady();
      if (line.startsWith('stats ')) last = JSON.parse(line.slice(6)) as WorkerStats;
    }
  });
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    ready: Promise.race([ready, exited.then(() => Promise.reject(new Error(`worker exited before it was ready:\n${out}`)))]),
    stats: () => last,
    exited,
    output: () => out,
  };
}

/** SIGTERM, then the final stats line. */
export async function stopWorker(w: WorkerChild): Promise<WorkerStats | null> {
  if (w.proc.exitCode === null && w.proc.signalCode === null) {
    w.proc.kill('SIGTERM');
    await w.exited;
  }
  return w.stats();
}
