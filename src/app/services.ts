import type { ChartView, Services, StatusView } from '../../commands/services.js';
import type { AlertMessage } from '../domain/alert-message.js';
import { dayOf } from '../domain/calendar.js';
import { entryTokens } from '../domain/charts.js';
import { formatTokens } from '../domain/format.js';
import { attribution, RANKINGS_URL } from '../domain/names.js';
import type { Destination } from '../delivery/destination.js';
import { DeliveryError, type Notifier } from '../delivery/notifier.js';
import type { HealthBoard } from '../health/health.js';
import type { Logger } from '../logger.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { SettingsStore } from '../store/settings-store.js';

export interface ServiceDeps {
  readonly charts: () => Promise<ChartView>;
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
  readonly notifiers: () => readonly Notifier[];
  readonly pending: () => number;
  /** Absent for one-shot CLI commands, which have no long-lived parts. */
  readonly health?: HealthBoard;
  readonly nextSyncAt: () => Date | null;
  readonly sample: boolean;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/** The Services commands use, from the real stores and notifiers. */
export function createServices(d: ServiceDeps): Services {
  const senderOf = (dest: Destination): Notifier => {
    const notifier = d.notifiers().find((n) => n.handles(dest));
    if (!notifier) throw new DeliveryError('invalid', 'no sender is configured for this platform');
    return notifier;
  };
  return {
    charts: d.charts,
    settings: d.settings,
    clock: d.clock,
    logger: d.logger,
    async status(): Promise<StatusView> {
      const state = await d.outbox.pollState();
      const meta = (await d.charts()).meta;
      return {
        lastSyncAt: state.lastSyncAt,
        lastSyncError: state.lastSyncError,
        asOf: meta?.asOf ?? null,
        completeThrough: meta?.completeThrough ?? null,
        nextSyncAt: d.nextSyncAt()?.toISOString() ?? null,
        sentToday: await d.outbox.sentOn(dayOf(d.clock())),
        pending: d.pending(),
        disabled: await d.settings.allDisabled(),
        source: d.sample ? 'sample' : 'openrouter',
        trouble: d.health?.all().filter((p) => p.state !== 'ok') ?? [],
        dropped: await d.outbox.droppedTotal(),
      };
    },
    async announce(dest: Destination, text: string) {
      await senderOf(dest).sendText(dest, text);
    },
    async sendTestAlert(dest: Destination) {
      const notifier = senderOf(dest);
      await notifier.send(dest, await testAlert(await d.charts(), d.clock()), `test-${d.clock().getTime()}`.slice(0, 25));
    },
  };
}

/** A sample alert from the latest daily chart, so a channel's setup can be checked at once. */
async function testAlert(view: ChartView, now: Date): Promise<AlertMessage> {
  const chart = view.book.latest('daily');
  const leader = chart?.entries[0];
  const label = leader ? view.label(leader.model) : null;
  return {
    eventId: `test:${now.toISOString()}`,
    headline: label && chart ? `Test alert: alerts reach this channel. ${label.name} leads the daily chart of ${chart.day} with ${formatTokens(entryTokens(chart, leader!.value))} tokens` : 'Test alert: alerts reach this channel',
    figures: [['Sent', `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`]],
    url: label?.url ?? RANKINGS_URL,
    linkLabel: label ? `${label.name} on OpenRouter` : 'OpenRouter rankings',
    footer: attribution(view.meta?.asOf ?? now.toISOString(), view.meta?.source),
    day: chart?.day ?? dayOf(now),
  };
}
