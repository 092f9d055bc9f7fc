// The console chat's own alerts, in process: the whole app (createApp) on a temp SQLite store with the
// fake OpenRouter as the source, and the console chat reading a stream and writing to a string.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleChat } from '../../../src/adapters/console/console-chat.js';
import { createApp, type App } from '../../../src/app/app.js';
import { loadConfig } from '../../../src/config.js';
import { OpenRouterClient } from '../../../src/source/openrouter-client.js';
import { ALPHA, BETA, EVIL, openRouterWorld, pollAndDeliver, recordingLogger, type OpenRouterWorld } from '../../e2e/support.js';

let world: OpenRouterWorld;
let app: App;
let dir: string;
const input = new PassThrough();
let out = '';
const output = new PassThrough().on('data', (chunk: Buffer) => (out += chunk.toString()));

/** Types a line and waits for its answer (the text after `from` in the output). */
async function type(line: string, answer: RegExp): Promise<string> {
  const from = out.length;
  input.write(`${line}\n`);
  return vi.waitFor(() => {
    const said = out.slice(from);
    if (!answer.test(said)) throw new Error(`no answer to ${line} yet: ${said}`);
    return said;
  });
}

/** The alerts (🔔 headlines) printed while `work` runs. */
async function alertsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const from = out.length;
  await work();
  return out.slice(from).split('\n').filter((l) => l.includes('🔔'));
}

beforeAll(async () => {
  world = await openRouterWorld('Evil Model');
  dir = mkdtempSync(join(tmpdir(), 'rankwatch-console-alerts-'));
  const config = loadConfig({ STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: world.fake.url, LOG_LEVEL: 'silent' });
  const logger = recordingLogger();
  app = await createApp(config, {
    clock: world.clock,
    logger,
    // Unpaced: the client's default spacing between requests would only slow the test down.
    source: new OpenRouterClient({ baseUrl: config.OPENROUTER_API_URL, apiKey: 'test-key', minIntervalMs: 0, backoffMs: 10, logger }),
    extraAdapters: (deps) => [createConsoleChat(deps, { input, output, interactive: false, onEnd: () => {}, picturesDir: join(dir, 'pictures') })],
  });
  await app.start({ schedule: false });
});

afterAll(async () => {
  input.end();
  await app?.stop();
  await world?.fake.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the console chat: its alerts follow /alerts', () => {
  it('given the default, then /alerts show says so; /alerts off stops the alerts and says so', async () => {
    expect(await type('/alerts show', /Set up/)).toMatch(/By default \(change with \/alerts setup, stop with \/alerts off\)/);
    expect(await type('/alerts off', /Alerts off/)).toMatch(/^Alerts off for this terminal\. Model subscriptions here are unchanged/);
    const printed = await alertsDuring(async () => {
      world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
      expect(await pollAndDeliver(app)).toMatchObject({ events: expect.any(Number) });
    });
    expect(printed).toEqual([]);
    expect(await type('/alerts show', /alerts/i)).toMatch(/^No alerts set up for this terminal/);
  });

  it('given /alerts setup types:record_day, then only record days are printed', async () => {
    expect(await type('/alerts setup types:record_day', /Alerts on/)).toMatch(/^Alerts on for this terminal: record_day on the daily, weekly/);
    const printed = await alertsDuring(async () => {
      world.completeDay({ [ALPHA]: 1600, [BETA]: 1200, [EVIL]: 100 }); // Alpha One retakes #1 with a record
      await pollAndDeliver(app);
    });
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((l) => /record/i.test(l))).toBe(true);
    expect(printed.join('\n')).not.toMatch(/takes #1/);
    expect(await type('/alerts show', /Types/)).toMatch(/Types\W+record_day\n/);
  });
});
