/**
 * What a long-lived part is doing:
 * - `ok`: connected / working;
 * - `starting`: first connection under way;
 * - `retrying`: failed, trying again (`retryAt` says when, when known);
 * - `paused`: waiting on something only a person can fix (a refused token), retried slowly;
 * - `failed`: stopped for good (the process is exiting).
 */
export type PartState = 'ok' | 'starting' | 'retrying' | 'paused' | 'failed';

export interface PartStatus {
  readonly part: string;
  readonly state: PartState;
  /** When the part entered this state (ISO). */
  readonly since: string;
  /** What is wrong, in words an operator can act on; never a secret or a URL with one. */
  readonly detail?: string;
  readonly retryAt?: string;
  /** False for parts whose trouble does not make the bot unhealthy (one failing webhook). */
  readonly critical: boolean;
}

/**
 * The one place every long-lived part reports its state to (STYLE: health is data). `/status`,
 * `/healthz` and `/metrics` read it; no part answers health questions itself.
 */
export class HealthBoard {
  private readonly parts = new Map<string, PartStatus>();

  constructor(private readonly clock: () => Date) {}

  report(part: string, state: PartState, o: { detail?: string; retryAt?: Date | string | null; critical?: boolean } = {}): void {
    const prev = this.parts.get(part);
    const since = prev && prev.state === state ? prev.since : this.clock().toISOString();
    const retryAt = o.retryAt ? (typeof o.retryAt === 'string' ? o.retryAt : o.retryAt.toISOString()) : undefined;
    this.parts.set(part, {
      part,
      state,
      since,
      critical: o.critical ?? prev?.critical ?? true,
      ...(o.detail ? { detail: o.detail } : {}),
      ...(retryAt ? { retryAt } : {}),
    });
  }

  /** A part that no longer exists (a webhook removed, a pause lifted) stops being reported. */
  forget(part: string): void {
    this.parts.delete(part);
  }

  get(part: string): PartStatus | undefined {
    return this.parts.get(part);
  }

  all(): PartStatus[] {
    return [...this.parts.values()].sort((a, b) => (a.part < b.part ? -1 : 1));
  }
}
