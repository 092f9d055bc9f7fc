import { Counter, Gauge, Registry } from 'prom-client';
import type { HealthBoard } from './health.js';

/** What the pipeline counts, as it happens. The poller and the deliverer call it; /metrics reads it. */
export interface Telemetry {
  syncSucceeded(at: Date): void;
  syncFailed(kind: string): void;
  planned(deliveries: number): void;
  delivered(platform: string): void;
  retried(platform: string): void;
  dropped(platform: string, reason: string): void;
  disabled(platform: string): void;
}

export const noTelemetry: Telemetry = { syncSucceeded() {}, syncFailed() {}, planned() {}, delivered() {}, retried() {}, dropped() {}, disabled() {} };

/**
 * Prometheus metrics through prom-client, on a registry of the app's own (so several apps in one
 * test process never share counters). Queue depth and part states are read when scraped.
 */
export class Metrics implements Telemetry {
  readonly registry = new Registry();
  private readonly syncs = new Counter({ name: 'rankwatch_syncs_total', help: 'Successful syncs with OpenRouter', registers: [this.registry] });
  private readonly syncFailures = new Counter({ name: 'rankwatch_sync_failures_total', help: 'Failed syncs, by kind of failure', labelNames: ['kind'], registers: [this.registry] });
  private readonly plannedTotal = new Counter({ name: 'rankwatch_alerts_planned_total', help: 'Deliveries (alert, destination) written to the outbox', registers: [this.registry] });
  private readonly deliveredTotal = new Counter({ name: 'rankwatch_alerts_delivered_total', help: 'Deliveries sent', labelNames: ['platform'], registers: [this.registry] });
  private readonly retriedTotal = new Counter({ name: 'rankwatch_alerts_retried_total', help: 'Delivery attempts that failed and will be retried', labelNames: ['platform'], registers: [this.registry] });
  private readonly droppedTotal = new Counter({ name: 'rankwatch_alerts_dropped_total', help: 'Deliveries given up, with the reason recorded in the outbox', labelNames: ['platform', 'reason'], registers: [this.registry] });
  private readonly disabledTotal = new Counter({ name: 'rankwatch_destinations_disabled_total', help: 'Destinations disabled (gone, forbidden, unusable)', labelNames: ['platform'], registers: [this.registry] });
  private readonly lastSync = new Gauge({ name: 'rankwatch_last_successful_sync_timestamp_seconds', help: 'Unix time of the last successful sync', registers: [this.registry] });

  constructor(o: { queueDepth: () => number; health: HealthBoard }) {
    const registers = [this.registry];
    new Gauge({ name: 'rankwatch_delivery_queue_depth', help: 'Deliveries owed (queued, waiting or in flight)', registers, collect() { this.set(o.queueDepth()); } });
    new Gauge({
      name: 'rankwatch_part_up',
      help: '1 when a part (sync, a chat connection, a platform, a webhook) is ok, else 0',
      labelNames: ['part', 'state'],
      registers,
      collect() {
        this.reset();
        for (const p of o.health.all()) this.set({ part: p.part, state: p.state }, p.state === 'ok' ? 1 : 0);
      },
    });
  }

  syncSucceeded(at: Date): void {
    this.syncs.inc();
    this.lastSync.set(Math.floor(at.getTime() / 1000));
  }
  syncFailed(kind: string): void {
    this.syncFailures.inc({ kind });
  }
  planned(deliveries: number): void {
    this.plannedTotal.inc(deliveries);
  }
  delivered(platform: string): void {
    this.deliveredTotal.inc({ platform });
  }
  retried(platform: string): void {
    this.retriedTotal.inc({ platform });
  }
  dropped(platform: string, reason: string): void {
    this.droppedTotal.inc({ platform, reason });
  }
  disabled(platform: string): void {
    this.disabledTotal.inc({ platform });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
