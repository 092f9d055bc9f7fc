import { HealthBoard } from '../health/health.js';
import { noTelemetry, type Telemetry } from '../health/telemetry.js';
import type { Logger } from '../logger.js';
import type { DestinationFailure, OutboxStore, PendingDelivery } from '../store/outbox-store.js';
import { settleDead, type DeadEnds } from './dead-ends.js';
import { destinationKey, type Destination } from './destination.js';
import type { AlertImage, Notifier } from './notifier.js';
import type { AlertMessage } from '../domain/alert-message.js';
import { PlatformPauses, tokenOf } from './pauses.js';
import type { DeliveryQueue } from './queue.js';
import { DEFAULT_RETRY_POLICY, nextFailure, shouldGiveUp, type RetryPolicy } from './retry-policy.js';
import { gaveUpReason, isWebhook, platformOf, reportRetry, verdictOf } from './outcome-rules.js';
import { sendOnce, type Follows, type Outcome } from './send-once.js';
import { realTimers, type Timers } from './timers.js';

export interface DelivererOptions {
  readonly outbox: OutboxStore;
  readonly notifiers: readonly Notifier[];
  readonly deadEnds: DeadEnds;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly timers?: Timers;
  readonly retry?: Partial<RetryPolicy>;
  readonly health?: HealthBoard;
  readonly telemetry?: Telemetry;
  /** Sends in flight at once. A lane waiting out a backoff or a pause holds no slot. */
  readonly concurrency?: number;
  /** An alert's picture, drawn from this process's history when a notifier asks (src/render/alert-pictures.ts). */
  readonly pictures?: (alert: AlertMessage) => AlertImage | undefined;
  /** Whether a DM already follows an alert's model (then it gets no Follow button). */
  readonly follows?: Follows;
}

type LaneState = 'ready' | 'running' | 'waiting' | 'paused';

interface Lane {
  readonly key: string;
  readonly dest: Destination;
  readonly queue: PendingDelivery[];
  state: LaneState;
  /** undefined until read from the outbox (a failure survives a restart). */
  failure?: DestinationFailure | null;
  wakeAt?: number;
  cancelWake?: () => void;
}


/**
 * Sends what the outbox owes. One lane per destination keeps its alerts in order; lanes run in
 * parallel. A failing destination backs off on its own (persisted, so a restart continues the same
 * outage) and never delays the others; a refused token pauses its platform (see PlatformPauses).
 */
export class Deliverer implements DeliveryQueue {
  private readonly lanes = new Map<string, Lane>();
  /** Lanes ready to run, in order; a Set keeps enqueueing 40k destinations linear. */
  private readonly ready = new Set<string>();
  private readonly remaining = new Map<string, number>();
  /** Deliveries queued in all lanes, kept as a count: checking it after each send must not walk 40k lanes. */
  private owed = 0;
  private readonly timers: Timers;
  private readonly policy: RetryPolicy;
  private readonly health: HealthBoard;
  private readonly telemetry: Telemetry;
  private readonly pauses: PlatformPauses;
  private active = 0;
  private stopping = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: DelivererOptions) {
    this.timers = o.timers ?? realTimers;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
    this.health = o.health ?? new HealthBoard(o.clock);
    this.telemetry = o.telemetry ?? noTelemetry;
    this.pauses = new PlatformPauses({ timers: this.timers, policy: this.policy, logger: o.logger, health: this.health, release: (keys) => keys.forEach((k) => this.wake(k)) });
  }

  /** Loads what a previous run left unsent (after a crash, a kill, or a stop). */
  async resume(): Promise<number> {
    const pending = await this.o.outbox.pending();
    this.enqueue(pending);
    return pending.length;
  }

  /** Queues deliveries: O(1) each (Map and Set lookups), so a 40k-destination fan-out is one pass. */
  enqueue(items: readonly PendingDelivery[]): void {
    let eventId: string | null = null;
    let run = 0;
    for (const item of items) {
      const key = destinationKey(item.dest);
      const lane = this.lanes.get(key);
      // A new lane's queue starts as a one-slot array (push on [] reserves 17).
      if (!lane) this.lanes.set(key, { key, dest: item.dest, queue: [item], state: 'ready' });
      else lane.queue.push(item);
      if (!lane || lane.state === 'ready') this.ready.add(key);
      // A fan-out is one alert's run of destinations: counted per run, not per item.
      if (item.alert.eventId !== eventId) {
        if (eventId !== null) this.remaining.set(eventId, (this.remaining.get(eventId) ?? 0) + run);
        [eventId, run] = [item.alert.eventId, 0];
      }
      run++;
    }
    if (eventId !== null) this.remaining.set(eventId, (this.remaining.get(eventId) ?? 0) + run);
    this.owed += items.length;
    this.pump();
  }

  /** Deliveries owed: queued, waiting out a backoff or a pause, or in flight. */
  pendingCount(): number {
    return this.owed;
  }

  /** Sends under way right now. */
  inFlight(): number {
    return this.active;
  }

  /** Resolves when nothing is owed any more. */
  idle(): Promise<void> {
    if (this.pendingCount() === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * True when nothing is in flight or ready and no lane will try again within `horizonMs`: what
   * could be delivered now has been (`start --once` exits then, the rest stays owed in the outbox).
   */
  settledWithin(horizonMs: number): boolean {
    if (this.active > 0 || this.ready.size > 0) return false;
    const until = this.timers.now() + horizonMs;
    return [...this.lanes.values()].every((l) => l.queue.length === 0 || l.state === 'paused' || (l.state === 'waiting' && (l.wakeAt ?? 0) > until));
  }

  /** Stops taking new sends and waits for those in flight; the rest stay parked in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pauses.stop();
    for (const lane of this.lanes.values()) lane.cancelWake?.();
    while (this.active > 0) await new Promise((r) => setTimeout(r, 10));
    this.lanes.clear();
    this.owed = 0;
    this.ready.clear();
    this.notifyIdle();
  }

  private pump(): void {
    const limit = this.o.concurrency ?? 256;
    for (const key of this.ready) {
      if (this.stopping || this.active >= limit) return;
      this.ready.delete(key);
      const lane = this.lanes.get(key);
      if (!lane || lane.queue.length === 0) continue;
      lane.state = 'running';
      this.active++;
      void this.runLane(lane)
        .catch((error: unknown) => this.laneCrashed(lane, error))
        .finally(() => {
          this.active--;
          if (lane.state === 'running') lane.state = 'ready';
          if (lane.queue.length === 0) this.lanes.delete(lane.key);
          else if (lane.state === 'ready' && !this.stopping) this.ready.add(lane.key);
          this.pump();
          this.notifyIdle();
        });
    }
  }

  /** A store error inside a lane: the lane waits and tries again; nothing is lost (the outbox holds it). */
  private laneCrashed(lane: Lane, error: unknown): void {
    this.o.logger.error({ err: error, dest: lane.key }, 'delivery lane failed (store error?); retrying in a minute');
    this.park(lane, this.timers.now() + 60_000);
  }

  private wake(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane || lane.state === 'running' || this.stopping) return;
    lane.cancelWake?.();
    lane.state = 'ready';
    this.ready.add(key);
    this.pump();
  }

  private park(lane: Lane, at: number): void {
    lane.state = 'waiting';
    lane.wakeAt = at;
    lane.cancelWake?.();
    lane.cancelWake = this.timers.after(at - this.timers.now(), () => this.wake(lane.key));
  }

  private notifyIdle(): void {
    if (this.pendingCount() > 0 || this.active > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async runLane(lane: Lane): Promise<void> {
    if (lane.failure === undefined) lane.failure = await this.o.outbox.failure(lane.dest);
    if (lane.failure && Date.parse(lane.failure.nextAt) > this.timers.now()) return this.park(lane, Date.parse(lane.failure.nextAt));
    const token = tokenOf(lane.dest);
    while (!this.stopping && lane.queue.length > 0) {
      if (token && !this.pauses.admit(token, lane.key)) return void (lane.state = 'paused');
      const item = lane.queue[0];
      if (await this.o.outbox.isSettled(item.alert.eventId, item.dest)) {
        await this.finish(lane);
        continue;
      }
      const outcome = await sendOnce(this.o.notifiers, item, this.timers, this.policy.sendTimeoutMs, this.o.pictures?.(item.alert), this.o.follows);
      if (token && !(outcome.kind === 'failed' && outcome.failure === 'unauthorized')) this.pauses.answered(token);
      if (!(await this.settle(lane, item, outcome))) return;
    }
  }

  /** Records one outcome. Returns false when the lane must stop for now (backoff, pause). */
  private async settle(lane: Lane, item: PendingDelivery, outcome: Outcome): Promise<boolean> {
    const { alert, dest } = item;
    const at = this.o.clock().toISOString();
    const platform = platformOf(dest);
    if (outcome.kind === 'failed' && outcome.failure === 'unauthorized' && tokenOf(dest)) {
      this.pauses.pause(tokenOf(dest)!, outcome.reason, lane.key);
      lane.state = 'paused';
      return false;
    }
    const verdict = verdictOf(outcome, dest);
    switch (verdict.kind) {
      case 'sent':
        await this.o.outbox.settle(alert.eventId, dest, { sent: true, at });
        this.telemetry.delivered(platform);
        await this.recovered(lane);
        await this.finish(lane);
        return true;
      case 'drop':
        this.o.logger[verdict.level]({ dest: lane.key, event: alert.eventId, reason: verdict.reason }, verdict.log);
        await this.drop(lane, verdict.reason);
        return true;
      case 'disable': {
        await this.o.deadEnds.disable(dest, verdict.reason);
        this.telemetry.disabled(platform);
        const rest = lane.queue.splice(0);
        this.owed -= rest.length;
        await settleDead(this.o, rest, at);
        for (const r of rest) this.telemetry.dropped(platform, 'destination disabled');
        for (const r of rest) await this.done(r);
        return true;
      }
      case 'retry':
        return this.retryLater(lane, verdict.retryAfterMs, verdict.reason, verdict.failure);
    }
  }

  /** A passing failure (or any failure of a configured webhook): back off, persisted, and maybe give up. */
  private async retryLater(lane: Lane, retryAfterMs: number | undefined, reason: string, failure: string): Promise<boolean> {
    const now = this.timers.now();
    lane.failure = nextFailure(this.policy, lane.failure ?? null, reason, now, retryAfterMs);
    await this.o.outbox.setFailure(lane.dest, lane.failure);
    this.telemetry.retried(platformOf(lane.dest));
    reportRetry({ logger: this.o.logger, health: this.health }, lane.dest, lane.key, failure, lane.failure);
    while (!isWebhook(lane.dest) && lane.queue.length > 0 && shouldGiveUp(this.policy, lane.failure, lane.queue[0], now)) {
      this.o.logger.error({ dest: lane.key, reason, since: lane.failure.since }, `gave up on an alert after ${Math.round(this.policy.giveUpMs / 3600_000)} h of failures`);
      await this.drop(lane, gaveUpReason(lane.failure, now));
    }
    if (lane.queue.length === 0) return false;
    this.park(lane, Date.parse(lane.failure.nextAt));
    return false;
  }

  private async recovered(lane: Lane): Promise<void> {
    if (!lane.failure) return;
    this.o.logger.info({ dest: lane.key, since: lane.failure.since, attempts: lane.failure.attempts }, 'destination answers again; delivering what it is owed');
    lane.failure = null;
    await this.o.outbox.clearFailure(lane.dest);
    if (isWebhook(lane.dest)) this.health.forget(`webhook ${lane.key}`);
  }

  private async drop(lane: Lane, reason: string): Promise<void> {
    const item = lane.queue[0];
    await this.o.outbox.settle(item.alert.eventId, item.dest, { sent: false, reason, at: this.o.clock().toISOString() });
    this.telemetry.dropped(platformOf(item.dest), reason.split(':')[0]);
    await this.finish(lane);
  }

  private async finish(lane: Lane): Promise<void> {
    const item = lane.queue.shift()!;
    this.owed--;
    await this.done(item);
  }

  private async done(item: PendingDelivery): Promise<void> {
    const id = item.alert.eventId;
    const left = (this.remaining.get(id) ?? 1) - 1;
    if (left > 0) return void this.remaining.set(id, left);
    this.remaining.delete(id);
    if (!this.stopping) await this.o.outbox.complete(id);
  }
}

export type { Destination };
