import type { Queue } from 'bullmq';
import type { HealthBoard } from '../../health/health.js';
import type { Telemetry } from '../../health/telemetry.js';
import type { Logger } from '../../logger.js';
import type { DestinationFailure, OutboxStore, PendingDelivery } from '../../store/outbox-store.js';
import type { DeadEnds } from '../dead-ends.js';
import { destinationKey, type Destination } from '../destination.js';
import type { Notifier } from '../notifier.js';
import { nextFailure, shouldGiveUp, type RetryPolicy } from '../retry-policy.js';
import { gaveUpReason, isWebhook, platformOf, reportRetry, verdictOf } from '../outcome-rules.js';
import type { Outcome } from '../send-once.js';
import type { Timers } from '../timers.js';
import { eventOfMember, jobIdOf, memberOf, type Keys } from './keys.js';
import type { Scripts } from './scripts.js';

export interface OutcomeDeps {
  readonly outbox: OutboxStore;
  readonly notifiers: readonly Notifier[];
  readonly deadEnds: DeadEnds;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly health: HealthBoard;
  readonly telemetry: Telemetry;
  readonly policy: RetryPolicy;
  readonly timers: Timers;
  readonly keys: Keys;
  readonly scripts: Scripts;
  readonly redis: import('ioredis').Redis;
  readonly queueFor: (dest: Destination) => Queue;
}

/** A failed try BullMQ retries: `delayMs` is the destination's backoff (Retry-After honoured). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}


/** What one outcome does to the outbox, the destination and the queue: the Deliverer's rules, per job. */
export class Outcomes {
  constructor(private readonly d: OutcomeDeps) {}

  async settle(item: PendingDelivery, createdAt: string, outcome: Outcome, failure: DestinationFailure | null): Promise<void> {
    const { alert, dest } = item;
    const key = destinationKey(dest);
    const platform = platformOf(dest);
    const at = this.d.clock().toISOString();
    const verdict = verdictOf(outcome, dest);
    switch (verdict.kind) {
      case 'sent':
        await this.d.outbox.settle(alert.eventId, dest, { sent: true, at });
        this.d.telemetry.delivered(platform);
        if (failure) await this.recovered(dest, failure);
        return this.finish(item, createdAt);
      case 'drop':
        this.d.logger[verdict.level]({ dest: key, event: alert.eventId, reason: verdict.reason }, verdict.log);
        return this.drop(item, createdAt, verdict.reason);
      case 'disable':
        return this.dead(item, verdict.reason);
      case 'retry': {
        const now = this.d.timers.now();
        const next = nextFailure(this.d.policy, failure, verdict.reason, now, verdict.retryAfterMs);
        await this.d.outbox.setFailure(dest, next);
        this.d.telemetry.retried(platform);
        reportRetry(this.d, dest, key, verdict.failure, next);
        if (!isWebhook(dest) && shouldGiveUp(this.d.policy, next, item, now)) return this.giveUp(item, createdAt, next, now);
        throw new RetryLater(verdict.reason, Date.parse(next.nextAt) - now);
      }
    }
  }

  async giveUp(item: PendingDelivery, createdAt: string, failure: DestinationFailure, now: number): Promise<void> {
    const hours = (ms: number) => Math.round(ms / 3600_000);
    this.d.logger.error({ dest: destinationKey(item.dest), event: item.alert.eventId, reason: failure.reason, since: failure.since }, `gave up on an alert after ${hours(this.d.policy.giveUpMs)} h of failures`);
    await this.drop(item, createdAt, gaveUpReason(failure, now));
  }

  /** Gone, forbidden or unusable: the destination is disabled and everything it is owed is dropped. */
  private async dead(item: PendingDelivery, reason: string): Promise<void> {
    const { dest } = item;
    await this.d.deadEnds.disable(dest, reason);
    this.d.telemetry.disabled(platformOf(dest));
    const at = this.d.clock().toISOString();
    const members = await this.d.redis.zrange(this.d.keys.order(dest), 0, -1);
    const owed = new Map(members.map((m) => [eventOfMember(m), m]));
    owed.set(item.alert.eventId, memberOf(item.createdAt ?? '', item.alert.eventId));
    for (const [eventId, member] of owed) {
      if (!(await this.d.outbox.isSettled(eventId, dest))) {
        await this.d.outbox.settle(eventId, dest, { sent: false, reason: 'destination disabled', at });
        this.d.telemetry.dropped(platformOf(dest), 'destination disabled');
      }
      await this.finishMember(eventId, dest, member, false);
    }
    // Their jobs find themselves settled and end at once.
    for (const eventId of owed.keys()) if (eventId !== item.alert.eventId) await this.promote(jobIdOf(eventId, dest), dest);
  }

  private async recovered(dest: Destination, failure: DestinationFailure): Promise<void> {
    const key = destinationKey(dest);
    this.d.logger.info({ dest: key, since: failure.since, attempts: failure.attempts }, 'destination answers again; delivering what it is owed');
    await this.d.outbox.clearFailure(dest);
    if (isWebhook(dest)) this.d.health.forget(`webhook ${key}`);
  }

  private async drop(item: PendingDelivery, createdAt: string, reason: string): Promise<void> {
    await this.d.outbox.settle(item.alert.eventId, item.dest, { sent: false, reason, at: this.d.clock().toISOString() });
    this.d.telemetry.dropped(platformOf(item.dest), reason.split(':')[0]);
    await this.finish(item, createdAt);
  }

  /** The delivery is settled: out of the order set (the next one is woken) and out of its event's set. */
  finish(item: PendingDelivery, createdAt: string): Promise<void> {
    return this.finishMember(item.alert.eventId, item.dest, memberOf(createdAt, item.alert.eventId), true);
  }

  private async finishMember(eventId: string, dest: Destination, member: string, wakeNext: boolean): Promise<void> {
    const { left, next } = await this.d.scripts.finish(this.d.keys.order(dest), this.d.keys.event(eventId), member, jobIdOf(eventId, dest));
    if (left === 0) await this.d.outbox.complete(eventId);
    if (wakeNext && next) await this.promote(jobIdOf(eventOfMember(next), dest), dest);
  }

  private async promote(jobId: string, dest: Destination): Promise<void> {
    const job = await this.d.queueFor(dest).getJob(jobId);
    // Only a delayed job can be promoted; one waiting or running will look at the order set itself.
    await job?.promote().catch(() => undefined);
  }
}
