import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { DiscordAPIError, REST, Routes, ShardingManager, type RESTOptions, type Shard } from 'discord.js';
import type { Config } from '../config.js';
import { cappedBackoff } from '../delivery/retry-policy.js';
import { EXIT } from '../process-handlers.js';
import { CliError } from './user-error.js';

/** What `GET /gateway/bot` says: the recommended shard count and today's IDENTIFY budget. */
interface GatewayBot {
  readonly shards: number;
  readonly session_start_limit: { total: number; remaining: number; reset_after: number; max_concurrency: number };
}

export interface ShardsOptions {
  /** `--shards N`: a fixed total instead of Discord's recommendation. */
  readonly shards?: string;
  /** `--spawn-delay MS`: between shard starts (default 5.5 s per IDENTIFY bucket). */
  readonly spawnDelay?: string;
  /** The entry each shard process runs, and its arguments (default: this CLI, `start`). */
  readonly entry?: string;
  readonly args?: readonly string[];
  readonly execArgv?: readonly string[];
  readonly restOptions?: Partial<RESTOptions>;
  /** How long a shard may take to be ready before the next one is started anyway. */
  readonly readyTimeoutMs?: number;
}

/** The role each shard process runs (see `--role` / ROLE): only the gateway, no poller or delivery. */
export const SHARD_ROLE = 'gateway';

const count = (raw: string | undefined, what: string, min: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${what} wants a whole number of at least ${min}, got "${raw}"`);
  return n;
};

function check(config: Config): string {
  if (!config.DISCORD_TOKEN) throw new CliError('DISCORD_TOKEN is not set: sharding is for the gateway bot, which needs the bot token (Developer Portal → Bot).');
  if (config.DISCORD_PUBLIC_KEY) throw new CliError('DISCORD_PUBLIC_KEY is set: HTTP interactions need no gateway and no shards; unset it to run the gateway bot sharded.');
  if (!config.REDIS_URL || config.STORE_URL.startsWith('sqlite:')) {
    throw new CliError('each shard runs as ROLE=gateway, one part of a fleet: set REDIS_URL and a STORE_URL every process shares (redis:// or postgres://), and run ROLE=poller and ROLE=delivery beside the shards');
  }
  if (config.SHARD_COUNT !== undefined) throw new CliError('SHARD_COUNT (or SHARDS) is set: `rankwatch discord shards` gives each shard process its own; unset them here (use --shards N for a fixed total).');
  return config.DISCORD_TOKEN;
}

async function gatewayBot(config: Config, token: string, restOptions: Partial<RESTOptions> = {}): Promise<GatewayBot> {
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...restOptions }).setToken(token);
  try {
    return (await rest.get(Routes.gatewayBot())) as GatewayBot;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) throw new CliError('Discord refused DISCORD_TOKEN (401): reset the token on the Bot page of the Developer Portal and set it again.');
    throw new CliError(`could not ask Discord for the shard count (GET /gateway/bot): ${(error as Error).message}`);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/**
 * `rankwatch discord shards [--shards N]`: the multi-process path for very large bots. discord.js
 * `ShardingManager` starts one process per shard (`rankwatch start` with ROLE=gateway, SHARDS and
 * SHARD_COUNT set), Discord's recommended count unless `--shards`, one every 5.5 s per IDENTIFY
 * bucket. A shard process that exits is restarted with backoff, except on exit 78 (Discord or the
 * settings refused it, e.g. 4011): then every shard stops and this command exits 78, since a
 * restart would spend the daily IDENTIFY budget on the same refusal. SIGINT/SIGTERM stop all.
 */
export async function runDiscordShards(config: Config, opts: ShardsOptions, write: (line: string) => void): Promise<number> {
  const token = check(config);
  const fixed = count(opts.shards, '--shards', 1);
  const info = await gatewayBot(config, token, opts.restOptions);
  const total = fixed ?? info.shards;
  const budget = info.session_start_limit;
  if (budget.remaining < total) {
    throw new CliError(`Discord allows ${budget.remaining} more session starts (IDENTIFYs) today, fewer than the ${total} shards; the budget resets at ${new Date(Date.now() + budget.reset_after).toISOString()}`);
  }
  const delay = count(opts.spawnDelay, '--spawn-delay', 0) ?? Math.ceil(5500 / Math.max(1, budget.max_concurrency));
  const entry = opts.entry ?? process.argv[1]!;
  const manager = new ShardingManager(entry, {
    totalShards: total, token, respawn: false, mode: 'process',
    shardArgs: [...(opts.args ?? ['start'])], execArgv: [...(opts.execArgv ?? process.execArgv)],
  });
  write(`rankwatch: starting ${total} shard process${total === 1 ? '' : 'es'} (Discord recommends ${info.shards}; ${budget.remaining} of ${budget.total} session starts left today; one start every ${delay} ms)`);
  return supervise(manager, total, { config, delay, write, readyTimeoutMs: opts.readyTimeoutMs ?? 60_000 });
}

function supervise(manager: ShardingManager, total: number, o: { config: Config; delay: number; write: (line: string) => void; readyTimeoutMs: number }): Promise<number> {
  let stopping = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  const failures = new Map<number, number>();
  const timers = new Set<NodeJS.Timeout>();

  const stopAll = async (code: number, line?: string) => {
    if (stopping) return;
    stopping = true;
    if (line) o.write(line);
    for (const t of timers) clearTimeout(t);
    const running = [...manager.shards.values()].flatMap((s) => (s.process && s.process.exitCode === null ? [s.process] : []));
    const exits = Promise.all(running.map((p) => once(p, 'exit')));
    for (const s of manager.shards.values()) if (s.process) s.kill();
    // Each shard process stops cleanly on SIGTERM; one that has not within 10 s is killed.
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([exits.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 10_000)))]);
    clearTimeout(timer);
    if (late) {
      for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await exits;
    }
    finish(code);
  };

  const watch = (shard: Shard) => {
    const env = shard.env as Record<string, string>;
    env.ROLE = SHARD_ROLE;
    // Each shard process serves its own /healthz: HTTP_PORT + its shard id.
    if (o.config.HTTP_PORT) env.HTTP_PORT = String(o.config.HTTP_PORT + shard.id);
    shard.on('ready', () => {
      failures.delete(shard.id);
      o.write(`rankwatch: shard ${shard.id} of ${total} ready`);
    });
    shard.on('death', (child) => {
      if (stopping) return;
      const code = (child as ChildProcess).exitCode;
      if (code === EXIT.refused) {
        void stopAll(EXIT.refused, `rankwatch: shard ${shard.id} was refused (exit ${code}; its reason is above): stopping every shard instead of restarting into the same refusal`);
        return;
      }
      const n = (failures.get(shard.id) ?? 0) + 1;
      failures.set(shard.id, n);
      const wait = cappedBackoff(5_000, 5 * 60_000, n);
      o.write(`rankwatch: shard ${shard.id} exited (${code ?? (child as ChildProcess).signalCode}); starting it again in ${Math.round(wait / 1000)} s`);
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopping) shard.spawn(o.readyTimeoutMs).catch(() => undefined);
      }, wait);
      timers.add(t);
    });
  };
  manager.on('shardCreate', watch);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll(0, `rankwatch: ${signal}: stopping ${manager.shards.size} shard process(es)`));
  void (async () => {
    for (let id = 0; id < total && !stopping; id++) {
      // A shard that is not ready in time (Discord unreachable: it retries by itself) does not hold up the rest.
      const shard = manager.createShard(id);
      const ready = await shard.spawn(o.readyTimeoutMs).then(() => true, () => false);
      // A shard that gave up before ready may still be stopping (a refusal exits 78 after closing its
      // connections): wait for its exit code before starting the next, so a refusal stops them all.
      const child = shard.process;
      if (!ready && child && child.exitCode === null && child.signalCode === null) await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 15_000))]);
      if (id < total - 1 && o.delay > 0 && !stopping) await new Promise((r) => setTimeout(r, o.delay));
    }
  })();
  return done;
}
