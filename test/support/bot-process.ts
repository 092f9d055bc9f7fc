import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** `rankwatch <args>` as an operator runs it (default `start`), with its real stdin, stdout and stderr. */
export function startBot(env: Record<string, string>, args: string[] = ['start']) {
  const proc = spawn(process.execPath, ['bin/rankwatch.js', ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until) throw new Error(`no ${re} in output:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { proc, exited, waitFor, out: () => out, err: () => err };
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** GET /healthz until `ok(status, body)` holds (or `ms` pass); the last answer either way. */
export interface Healthz {
  ok: boolean;
  unhealthy: { part: string; detail: string }[];
  parts: { part: string; state: string; detail?: string }[];
}

export async function healthzUntil(port: number, ok: (status: number, body: Healthz) => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  let last: { status: number; body: Healthz } | null = null;
  while (Date.now() < until) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res) last = { status: res.status, body: (await res.json()) as Healthz };
    if (last && ok(last.status, last.body)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}
