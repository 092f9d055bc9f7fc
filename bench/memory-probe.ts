/** Run as a fresh process: the memory of a bot that loaded the full history and every subscription. */
import { chartViews } from '../src/app/chart-view.js';
import { bundledNames } from '../src/cli/bundled-names.js';
import { DEFAULT_DETECT_OPTIONS } from '../src/domain/detect/options.js';
import { KeyvHistoryStore } from '../src/store/keyv-history-store.js';
import { openKeyv } from '../src/store/open-keyv.js';
import { SettingsStore } from '../src/store/settings-store.js';

const url = process.argv[2];
const mb = (n: number) => Math.round(n / 1e6);
const step = (name: string) => {
  global.gc?.();
  const m = process.memoryUsage();
  console.log(JSON.stringify({ step: name, rss: mb(m.rss), heap: mb(m.heapUsed), external: mb(m.external) }));
};
step('start');
const history = new KeyvHistoryStore(await openKeyv(url));
const view = await chartViews(history, DEFAULT_DETECT_OPTIONS, bundledNames())();
step(`history + charts (${view.models.length} models, ${view.events.length} events)`);
const settings = new SettingsStore(await openKeyv(url, 'rankwatch-settings'));
await settings.reload();
step(`+ ${await settings.countSubscriptions()} subscriptions`);
process.exit(0);
