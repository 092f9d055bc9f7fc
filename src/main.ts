import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createConsoleChat } from './adapters/console/console-chat.js';
import { createApp, type App } from './app/app.js';
import { loadConfig, type Config } from './config.js';
import { addDays } from './domain/calendar.js';
import { EXIT, installProcessHandlers } from './process-handlers.js';
import { SampleSource } from './source/sample-source.js';

/** How far ahead `start --once` waits for a destination's next try before leaving it owed. */
const ONCE_RETRY_HORIZON_MS = 5_000;

/** Where the sample demo keeps its state: rebuilt at every start so each run replays the last days live. */
const DEMO_STORE = 'sqlite://data/sample-demo.sqlite';

/**
 * `rankwatch start`: the composition root. Discord and/or Slack when configured (runs until
 * SIGINT/SIGTERM, never reads stdin); with no chat settings at all, a chat in this terminal.
 */
export async function start(opts: { once: boolean; role?: string }): Promise<number> {
  let config = loadConfig(undefined, opts.role ? { ROLE: opts.role } : {});
  // The terminal chat belongs to the all-in-one process; a fleet's parts run headless.
  if (config.ROLE !== 'all') config = { ...config, consoleChat: false };
  const demo = !config.OPENROUTER_API_KEY && config.consoleChat && !opts.once;
  if (demo && !config.explicit.has('STORE_URL')) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO_STORE.slice('sqlite://'.length)}${suffix}`, { force: true });
    config = { ...config, STORE_URL: DEMO_STORE };
  }
  // The terminal is the chat: keep routine log lines out of it unless LOG_LEVEL asks for them.
  // The demo's store is rebuilt at every start, so its "first run" warning is routine there too.
  if (config.consoleChat && !opts.once && !config.explicit.has('LOG_LEVEL')) config = { ...config, LOG_LEVEL: demo ? 'error' : 'warn' };
  const replay = demo ? await sampleReplay(config) : null;
  let app: App | null = null;
  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finished = resolve));
  let synced: () => void = () => {};
  const firstSync = new Promise<void>((resolve) => (synced = resolve));
  const interactive = Boolean(process.stdin.isTTY);
  app = await createApp(config, {
    ...(replay ? { source: replay.source } : {}),
    extraAdapters: (deps) =>
      config.consoleChat
        ? [
            createConsoleChat(deps, {
              input: opts.once ? emptyInput() : process.stdin,
              output: process.stdout,
              interactive: interactive && !opts.once,
              onEnd: () => (opts.once ? undefined : finished(0)),
              banner: opts.once ? undefined : banner(config, replay !== null),
              // Typed or piped commands wait for the first sync, so they answer with data.
              ready: opts.once ? undefined : firstSync,
            }),
          ]
        : [],
  });
  installProcessHandlers({ logger: app.runtime.logger, write: (line) => process.stderr.write(line) });
  const stop = async (code: number) => {
    replay?.stop();
    await app!.stop();
    return code;
  };
  // A platform that refuses its credentials stops the bot with the setting to fix.
  void app.fatal.then((error) => {
    process.stderr.write(`rankwatch: ${error.message}\n`);
    finished(EXIT.refused);
  });
  if (opts.once) return stop(await Promise.race([runOnce(app), app.fatal.then(() => EXIT.refused)]));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => finished(0));
  // Never throws for a failed sync: the schedule is armed and the failure retried (see /status).
  await Promise.race([app.start(), app.fatal]);
  synced();
  replay?.begin(() => app!.pollNow());
  return stop(await done);
}

/**
 * `--once`: one sync, deliver what can be delivered, exit. A destination that keeps failing is not
 * waited for: once nothing is in flight and no retry is due within 5 s, what is left stays owed in
 * the outbox (with its backoff) for the next run.
 */
async function runOnce(app: App): Promise<number> {
  try {
    const result = await app.start({ schedule: false });
    while (app.deliverer.pendingCount() > 0 && !app.deliverer.settledWithin(ONCE_RETRY_HORIZON_MS)) await new Promise((r) => setTimeout(r, 50));
    const owed = app.deliverer.pendingCount();
    if (owed > 0) process.stderr.write(`rankwatch: ${owed} deliveries still owed to destinations that are failing; the next run retries them (see the log)\n`);
    app.runtime.logger.info({ ...result, sync: undefined, completeThrough: result?.sync.completeThrough, owed }, 'one sync done');
    return 0;
  } catch (error) {
    app.runtime.logger.error({ err: error }, 'sync failed');
    process.stderr.write(`rankwatch: sync failed: ${(error as Error).message}\n`);
    return 1;
  }
}

/** The bundled sample with its last days held back, then revealed one by one so alerts show live. */
async function sampleReplay(config: Config) {
  let revealed: string | undefined;
  const source = new SampleSource({ revealThrough: () => revealed });
  const last = await source.lastDay();
  revealed = addDays(last, -config.SAMPLE_REPLAY_DAYS);
  let timer: NodeJS.Timeout | null = null;
  return {
    source,
    begin(poll: () => Promise<unknown>) {
      timer = setInterval(() => {
        if (!revealed || revealed >= last) return void (timer && clearInterval(timer));
        revealed = addDays(revealed, 1);
        void poll().catch(() => undefined);
      }, config.SAMPLE_REPLAY_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

function banner(config: Config, demo: boolean): string {
  const data = demo ? `bundled sample data (no OPENROUTER_API_KEY): its last ${config.SAMPLE_REPLAY_DAYS} days replay live, one every ${config.SAMPLE_REPLAY_INTERVAL_MS / 1000} s` : 'OpenRouter data';
  return `rankwatch console chat · ${data}\nThis terminal is a channel set up for alerts. Type /help, /leaderboard, /model <name>. Ctrl-D or Ctrl-C quits.`;
}

function emptyInput(): Readable {
  return Readable.from([]);
}
