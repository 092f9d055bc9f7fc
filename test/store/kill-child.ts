/**
 * A rankwatch process for the kill test: `start --once` as composed by createApp, with alerts on
 * this process's stdout (the console channel), that SIGKILLs itself right after its Nth write to
 * the history namespace (a backfill's or a sync's chunk or manifest write), or, with `emitted`,
 * after the outbox holds a poll's alerts but before `emittedThrough` moves (nothing sent yet).
 * Usage: kill-child.ts <storeUrl> <openRouterUrl> <killAfterHistoryWrite | 0 | emitted>
 */
import { Readable } from 'node:stream';
import { createConsoleChat } from '../../src/adapters/console/console-chat.js';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config.js';

const [storeUrl, openRouterUrl, killAfter] = process.argv.slice(2);
const app = await createApp(loadConfig({ STORE_URL: storeUrl, OPENROUTER_API_KEY: 'test-key', OPENROUTER_API_URL: openRouterUrl, LOG_LEVEL: 'silent' }), {
  extraAdapters: (deps) => [createConsoleChat(deps, { input: Readable.from([]), output: process.stdout, interactive: false, onEnd: () => undefined })],
});
const kv = app.runtime.stores.history;
const set = kv.set.bind(kv);
let writes = 0;
kv.set = (async (...args: Parameters<typeof set>) => {
  const done = await set(...args);
  if (++writes === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  return done;
}) as typeof kv.set;
if (killAfter === 'emitted') {
  const outbox = app.runtime.stores.outbox;
  const put = outbox.set.bind(outbox);
  let planned = false;
  outbox.set = (async (...args: Parameters<typeof put>) => {
    if (planned && args[0] === 'poll:state') process.kill(process.pid, 'SIGKILL');
    if (String(args[0]).startsWith('event:')) planned = true;
    return put(...args);
  }) as typeof outbox.set;
}
await app.start({ schedule: false });
await app.deliverer.idle();
await app.stop();
process.stdout.write(`done after ${writes} history writes\n`);
