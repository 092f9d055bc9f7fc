import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startBot } from '../../support/bot-process.js';

const start = (env: Record<string, string>) => startBot(env);

describe('the console chat (npm start with no credentials)', () => {
  const dirs: string[] = [];
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-console-'));
    dirs.push(dir);
    return `sqlite://${join(dir, 'store.sqlite')}`;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('given piped commands, then it answers each from the sample history and exits at end of input', async () => {
    const chat = start({ STORE_URL: store(), TMPDIR: dirs[0] ?? tmpdir() });
    chat.proc.stdin.end('/leaderboard weekly\n/model qwen 3.6 plus\n/nonsense\nhello\n');
    expect(await chat.exited).toBe(0);
    const out = chat.out();
    expect(out).toMatch(/Weekly chart, \d{4}-W\d{2} \(/);
    // Replies from the bundled sample say so where the OpenRouter attribution would stand.
    expect(out).toContain('Sample data bundled with rankwatch (not live OpenRouter figures), as of');
    expect(out).toMatch(/Qwen3\.6 Plus\n/);
    expect(out).toContain('Personal best: 1.57T on 2026-04-04');
    // Each picture is written as a PNG file (under the OS temp dir) and its path printed under the text.
    const paths = [...out.matchAll(/^Picture: (.+\.png)$/gm)].map((m) => m[1]);
    expect(paths.map((p) => p.replace(/^.*\//, ''))).toEqual([expect.stringMatching(/^leaderboard-weekly-\d{4}-w\d{2}\.png$/), 'model-qwen3.6-plus-04-02-90d.png']);
    for (const p of paths) {
      expect(p.startsWith(join(dirs[0], 'rankwatch-pictures'))).toBe(true);
      expect(existsSync(p) && readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(out).toContain('Unknown command /nonsense. Try /help.');
    expect(out).toContain('Commands start with /. Try /help.');
    expect(chat.err()).not.toMatch(/"level":30/); // routine logs stay out of the chat
  }, 30_000);

  it('given a newcomer who waits, then the sample replays live and alerts appear within 10 seconds, and /status counts them', async () => {
    const chat = start({ STORE_URL: store(), SAMPLE_REPLAY_INTERVAL_MS: '300', TMPDIR: dirs.at(-1)! });
    await chat.waitFor(/🔔 /, 10_000);
    chat.proc.stdin.write('/status\n');
    await chat.waitFor(/Alerts sent today \(UTC\): [1-9]/);
    chat.proc.stdin.end();
    expect(await chat.exited).toBe(0);
    expect(chat.out()).toMatch(/🔔 .+\n(?: {3}.+\n)+? {3}https:\/\/openrouter\.ai\/\S+\n {3}Sample data bundled with rankwatch \(not live OpenRouter figures\), as of /);
  }, 30_000);

  it('given a chat setting, then no console opens: it never reads stdin, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = start({ STORE_URL: store(), DISCORD_WEBHOOK_URLS: 'http://127.0.0.1:9/api/webhooks/123456789012345678/token', HTTP_PORT: String(port), LOG_LEVEL: 'silent' });
    bot.proc.stdin.write('/leaderboard\n');
    let health: Response | null = null;
    // 503 until the first sync (of the bundled sample) has succeeded, then 200.
    for (let i = 0; i < 100 && health?.status !== 200; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (health?.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toMatchObject({ ok: true });
    bot.proc.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.out()).not.toContain('Daily chart');
  }, 30_000);
});
