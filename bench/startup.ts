// Whole-process start-up on the bundled sample, as a newcomer meets it: `replay --json` from start to
// exit, and `npm start` (the console chat, no settings) from spawn to its prompt and to the answer
// of a first command (which waits for the first sync, so it includes walking the charts).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE } from './detect.js';
import { median, report } from './report.js';

const RUNS = 5;

function timed(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return performance.now() - t;
}

function replayOnce(file = SAMPLE): number {
  return timed(['bin/rankwatch.js', 'replay', '--file', file, '--json']);
}

/** The sample's last day alone, as a rankings-daily file: a replay of it is start-up and loading, nearly no work. */
function oneDayFile(dir: string): string {
  const body = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { data: { date: string }[]; meta: Record<string, string> };
  const last = body.meta.end_date;
  const file = join(dir, 'one-day.json');
  writeFileSync(file, JSON.stringify({ data: body.data.filter((r) => r.date === last), meta: { ...body.meta, start_date: last } }));
  return file;
}

/**
 * What no change to detection can take off the replay: Node starting, rankwatch loading, and
 * reading and parsing the 3.4 MB sample. Each measured as its own whole process, alternating.
 */
function replayFloor(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-bench-floor-'));
  try {
    const oneDay = oneDayFile(dir);
    const bare: number[] = [];
    const load: number[] = [];
    const parse: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timed(['-e', '0']));
      load.push(replayOnce(oneDay));
      parse.push(timed(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(SAMPLE)}, 'utf8'))`]));
    }
    const parsing = median(parse) - median(bare);
    return {
      '`node -e 0`, ms (median of 5)': median(bare).toFixed(0),
      'replay of a one-day file, ms (median)': median(load).toFixed(0),
      'reading and parsing the sample, ms': parsing.toFixed(0),
      'floor: one-day replay + parsing, ms': (median(load) + parsing).toFixed(0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm start`'s command line (package.json), in a fresh store; ms to the banner (the prompt) and to the first answer. */
function startOnce(): Promise<{ prompt: number; answer: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwatch-bench-start-'));
  const t = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=4', 'bin/rankwatch.js', 'start'], {
    env: { PATH: process.env.PATH, STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  let prompt = 0;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!prompt && out.includes('rankwatch console chat')) {
        prompt = performance.now() - t;
        child.stdin.write('/leaderboard\n');
      }
      if (prompt && /Daily chart, /.test(out)) {
        const answer = performance.now() - t;
        child.stdin.end();
        child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve({ prompt, answer }); });
      }
    });
    child.once('error', reject);
    setTimeout(() => { child.kill(); reject(new Error(`npm start printed no answer in 30 s:\n${out}`)); }, 30_000).unref();
  });
}

export async function benchStartup(): Promise<void> {
  const replays = Array.from({ length: RUNS }, replayOnce);
  const replay = median(replays);
  report('whole `rankwatch replay --json` process, bundled sample', { 'ms (median of 5)': replay.toFixed(0), 'min ms': Math.min(...replays).toFixed(0), goal: '< 250 ms', met: replay < 250 ? 'yes' : 'NO' });
  // The part of those figures that is not history, detection or printing, on this machine.
  report('what every replay pays before its first row (whole processes)', replayFloor());
  const starts: { prompt: number; answer: number }[] = [];
  for (let i = 0; i < RUNS; i++) starts.push(await startOnce());
  const prompt = median(starts.map((s) => s.prompt));
  report('whole `npm start` process (console chat, bundled sample)', {
    'to the prompt, ms (median of 5)': prompt.toFixed(0),
    'min ms': Math.min(...starts.map((s) => s.prompt)).toFixed(0),
    goal: '< 1000 ms',
    met: prompt < 1000 ? 'yes' : 'NO',
  });
  // The first command waits for the first sync, then builds the chart view: one walk of the charts
  // for the book and the events (test/app/chart-view.test.ts counts it).
  report('first /leaderboard after `npm start` (first sync + chart view)', {
    'to the answer, ms (median of 5)': median(starts.map((s) => s.answer)).toFixed(0),
    'after the prompt, ms (median)': median(starts.map((s) => s.answer - s.prompt)).toFixed(0),
    'chart walks': 1,
    goal: 'walk the charts once (was twice)',
  });
  const cpus = (await import('node:os')).loadavg()[0];
  console.log(`  (load average ${cpus.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores while measuring: whole-process times grow with it)`);
}
