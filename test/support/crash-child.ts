/**
 * A rankwatch process for the crash test: the real poll → outbox → delivery path on SQLite, whose
 * notifier posts each alert to the test's recorder over HTTP. The test SIGKILLs it mid-delivery.
 * Usage: crash-child.ts <dir> <openRouterUrl> <recorderUrl> <today> <first|run|resume> <channels>
 */
import type { AlertMessage } from '../../src/domain/alert-message.js';
import { destinationKey, type Destination } from '../../src/delivery/destination.js';
import { DeliveryError, type Notifier } from '../../src/delivery/notifier.js';
import { CHART_NAMES } from '../../src/domain/charts.js';
import { EVENT_TYPES } from '../../src/domain/events.js';
import { openPipeline } from './pipeline.js';

const [dir, openRouterUrl, recorderUrl, today, mode, channels] = process.argv.slice(2);

class HttpNotifier implements Notifier {
  handles(): boolean {
    return true;
  }
  async send(dest: Destination, alert: AlertMessage, key: string): Promise<void> {
    const res = await fetch(recorderUrl, { method: 'POST', body: JSON.stringify({ event: alert.eventId, dest: destinationKey(dest), key }) });
    if (!res.ok) throw new DeliveryError('retry', `recorder answered ${res.status}`);
  }
  async sendText(): Promise<void> {}
}

const dests: Destination[] = Array.from({ length: Number(channels) }, (_, i) => ({ kind: 'discord-channel', channelId: String(100000000000000000n + BigInt(i)) }));
const pipe = await openPipeline({
  dir,
  openRouterUrl,
  today: () => today,
  notifiers: [new HttpNotifier()],
  implicitAlerts: dests.map((dest) => ({ dest, types: [...EVENT_TYPES], charts: [...CHART_NAMES], by: { platform: 'discord', userId: '1' }, at: 'x' })),
  concurrency: 8,
});
if (mode === 'resume') process.stdout.write(`resumed ${await pipe.deliverer.resume()}\n`);
if (mode !== 'resume') {
  const r = await pipe.poller.pollOnce();
  process.stdout.write(`planned ${r.deliveries}\n`);
}
await pipe.deliverer.idle();
await pipe.close(false);
process.stdout.write('done\n');
