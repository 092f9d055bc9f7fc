// `rankwatch discord shards`: discord.js ShardingManager starting one real `rankwatch start` process per
// shard (ROLE=gateway, SHARDS and SHARD_COUNT from the manager) against a stand-in that requires 3
// shards. Spawns the built bot: run `node scripts/build.js` first (bin/rankwatch.js falls back to tsx).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { isolatedStores } from '../../store/isolated-store.js';
import { announceRedisSkip, dropPrefix, REDIS_URL, uniquePrefix } from '../../support/redis.js';

// Each shard is ROLE=gateway, one part of a fleet: Redis coordinates, and the store is shared (Redis db 10).
announceRedisSkip();
const STORE = REDIS_URL ? (await isolatedStores('shards', 10)).find((s) => s.name === 'redis')! : null;
const PREFIX = uniquePrefix();
const FLEET = REDIS_URL ? { REDIS_URL, REDIS_PREFIX: PREFIX, STORE_URL: STORE!.url } : {};

const BIN = fileURLToPath(new URL('../../../bin/rankwatch.js', import.meta.url));
/** A guild id whose shard, out of 3, is `shard`. */
const guildOnShard = (shard: number) => (((1_700_000_000_001n + BigInt(shard)) << 22n) | (1n << 17n)).toString();

let fake: FakeDiscord | null = null;
let manager: ChildProcess | null = null;
let dir: string | null = null;

afterEach(async () => {
  if (manager && manager.exitCode === null && manager.signalCode === null) {
    manager.kill('SIGTERM');
    await new Promise((r) => manager!.once('exit', r));
  }
  await fake?.close();
  await STORE?.wipe();
  if (REDIS_URL) await dropPrefix(PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = manager = dir = null;
});

function startManager(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  dir = mkdtempSync(join(tmpdir(), 'rankwatch-shards-'));
  const env = {
    PATH: process.env.PATH!, HOME: dir, LOG_LEVEL: 'warn',
    DISCORD_TOKEN: fake!.token, DISCORD_APPLICATION_ID: fake!.applicationId, DISCORD_API_URL: fake!.url,
    SAMPLE_REPLAY_DAYS: '0', ...FLEET,
  };
  const child = spawn(process.execPath, [BIN, 'discord', 'shards', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  manager = child;
  return { child, output: () => out, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
}

const childrenOf = (pid: number) => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!REDIS_URL)('rankwatch discord shards', () => {
  it('given Discord recommends 3 shards, then 3 shard processes connect [0,3], [1,3], [2,3], each answers a command on its shard, and SIGTERM stops them all', async () => {
    fake = await startFakeDiscord({ shards: 3, maxConcurrency: 16, guilds: [0, 1, 2].map((s) => ({ id: guildOnShard(s), channels: [{ name: `general-${s}` }] })) });
    const run = startManager([]);
    await vi.waitFor(() => expect(fake!.gatewayShards, run.output()).toEqual([[0, 3], [1, 3], [2, 3]]), { timeout: 60_000, interval: 200 });
    expect(run.output()).toMatch(/starting 3 shard processes \(Discord recommends 3; \d+ of 1000 session starts left today; one start every 344 ms\)/);
    expect(childrenOf(run.child.pid!)).toHaveLength(3);
    for (const [shard, guild] of fake.guilds.entries()) {
      const res = await fake.dispatchInteraction(fake.chatInput({ name: 'help', channelId: guild.channelIds[0]! }), { shard });
      expect(res.callback.type).toBe(4);
    }
    await vi.waitFor(() => expect(run.output()).toMatch(/shard 2 of 3 ready/), { timeout: 10_000 });
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    await vi.waitFor(() => expect(fake!.gatewaySessions).toBe(0), { timeout: 5000 });
    expect(fake.identifies).toBe(3);
  }, 90_000);

  it('given --shards 2 where Discord requires 3, then shard 0 is closed with 4011, nothing restarts, and the manager exits 78 saying what to do', async () => {
    fake = await startFakeDiscord({ shards: 3 });
    const run = startManager(['--shards', '2', '--spawn-delay', '0']);
    expect(await run.exit).toBe(78);
    expect(run.output()).toMatch(/Discord requires more than SHARD_COUNT=2 shards \(4011 on gateway shard 0\): run `rankwatch discord shards` without --shards/);
    expect(run.output()).toMatch(/shard 0 was refused \(exit 78; its reason is above\): stopping every shard instead of restarting/);
    expect(fake.gatewayFrames.filter((f) => f.op === 2)).toHaveLength(1);
    expect(childrenOf(run.child.pid!)).toEqual([]);
  }, 60_000);

  it('given a shard process that crashes, then the manager starts it again after a backoff (not at once, not forever in a loop)', async () => {
    fake = await startFakeDiscord();
    const run = startManager([]);
    await vi.waitFor(() => expect(fake!.gatewaySessions, run.output()).toBe(1), { timeout: 60_000, interval: 200 });
    const [first] = childrenOf(run.child.pid!);
    process.kill(Number(first), 'SIGKILL');
    await vi.waitFor(() => expect(run.output()).toMatch(/shard 0 exited \(SIGKILL\); starting it again in 5 s/), { timeout: 5000 });
    expect(fake.gatewaySessions).toBe(0);
    await vi.waitFor(() => expect(fake!.gatewaySessions).toBe(1), { timeout: 30_000, interval: 200 });
    expect(fake.identifies).toBe(2);
    expect(childrenOf(run.child.pid!)).not.toContain(first);
  }, 90_000);

  it('given the manager killed with SIGKILL, then its shard processes stop too instead of running on unsupervised', async () => {
    fake = await startFakeDiscord({ shards: 2, maxConcurrency: 16 });
    const run = startManager([]);
    await vi.waitFor(() => expect(fake!.gatewayShards, run.output()).toEqual([[0, 2], [1, 2]]), { timeout: 60_000, interval: 200 });
    const shards = childrenOf(run.child.pid!);
    expect(shards).toHaveLength(2);
    run.child.kill('SIGKILL');
    await run.exit;
    await vi.waitFor(() => expect(fake!.gatewaySessions).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(shards.filter((pid) => alive(Number(pid)))).toEqual([]), { timeout: 10_000 });
  }, 90_000);

  it('given SHARD_COUNT already set, or DISCORD_PUBLIC_KEY, then one line naming the setting, exit 1', async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), 'rankwatch-shards-'));
    const base = { PATH: process.env.PATH!, HOME: dir, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, ...FLEET };
    // Not execFileSync: the stand-in answers from this very process.
    const run = async (env: Record<string, string>) => {
      try {
        await promisify(execFile)(process.execPath, [BIN, 'discord', 'shards'], { cwd: dir!, env: { ...base, ...env }, encoding: 'utf8' });
        return 'exited 0';
      } catch (error) {
        return `${(error as { code: number }).code}: ${(error as { stderr: string }).stderr.trim()}`;
      }
    };
    expect(await run({ REDIS_URL: '' })).toMatch(/^1: rankwatch: each shard runs as ROLE=gateway, one part of a fleet: set REDIS_URL/);
    expect(await run({ SHARD_COUNT: '2' })).toMatch(/^1: rankwatch: SHARD_COUNT \(or SHARDS\) is set/);
    expect(await run({ SHARDS: '0', SHARD_COUNT: '2', DISCORD_TOKEN: 'x' })).toMatch(/^1: rankwatch: SHARD_COUNT \(or SHARDS\) is set/);
    expect(await run({ DISCORD_TOKEN: 'wrong' })).toMatch(/^1: rankwatch: Discord refused DISCORD_TOKEN \(401\)/);
    const spent = await startFakeDiscord({ shards: 3, sessionStarts: 2 });
    try {
      expect(await run({ DISCORD_API_URL: spent.url, DISCORD_TOKEN: spent.token })).toMatch(/^1: rankwatch: Discord allows 2 more session starts \(IDENTIFYs\) today, fewer than the 3 shards; the budget resets at /);
    } finally {
      await spent.close();
    }
    expect(await run({ SHARDS: '', DISCORD_TOKEN: fake.token, SHARD_COUNT: '', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), HTTP_PORT: '0' })).toMatch(/^1: rankwatch: DISCORD_PUBLIC_KEY is set/);
  }, 60_000);
});
