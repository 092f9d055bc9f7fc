import type { HealthBoard, PartState } from '../../health/health.js';

/** The health part of one gateway shard: `discord gateway shard 2`. */
export const shardPart = (id: number) => `discord gateway shard ${id}`;

const WORST: readonly PartState[] = ['failed', 'paused', 'retrying', 'starting', 'ok'];

/**
 * Each gateway shard's state on the health board (`discord gateway shard N`), and the adapter's
 * own part (`discord`) as their summary once the bot has started: ok while every shard of this
 * process is, else the worst shard's state naming which shards are down.
 */
export class ShardHealth {
  private readonly states = new Map<number, { state: PartState; detail?: string }>();
  private summarising = false;

  constructor(
    private readonly board: HealthBoard | undefined,
    /** Shards across every process of the bot (discord.js `shardCount`), once known. */
    private readonly total: () => number,
  ) {}

  report(id: number, state: PartState, detail?: string): void {
    this.states.set(id, { state, ...(detail ? { detail } : {}) });
    this.board?.report(shardPart(id), state, detail ? { detail } : {});
    if (this.summarising) this.summarise();
  }

  /** From now on (the adapter is up) the `discord` part follows the shards. */
  startSummarising(): void {
    this.summarising = true;
    this.summarise();
  }

  private summarise(): void {
    if (!this.board || this.states.size === 0) return;
    const all = [...this.states.entries()];
    const worst = WORST.find((s) => all.some(([, v]) => v.state === s))!;
    if (worst === 'ok') return this.board.report('discord', 'ok');
    const down = all.filter(([, v]) => v.state === worst);
    const detail =
      this.total() <= 1 ? down[0]![1].detail : `gateway shard${down.length > 1 ? 's' : ''} ${down.map(([id]) => id).join(', ')} of ${this.total()}: ${down[0]![1].detail ?? worst}`;
    this.board.report('discord', worst, detail ? { detail } : {});
  }
}
