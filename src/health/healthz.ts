import type { HealthBoard, PartStatus } from './health.js';

export interface HealthInputs {
  readonly board: HealthBoard;
  /** The last successful sync (persisted, so a restart keeps it). */
  readonly lastSuccessAt: string | null;
  readonly now: Date;
  /** How old the last successful sync may be: the schedule's period plus the allowed delay. */
  readonly maxSyncAgeMs: number;
  readonly pending: number;
}

export interface HealthVerdict {
  readonly ok: boolean;
  /** The parts that make the bot unhealthy, with since when and why. */
  readonly unhealthy: readonly { part: string; since: string | null; detail: string }[];
  readonly parts: readonly PartStatus[];
  readonly lastSuccessfulSync: string | null;
  readonly pending: number;
}

/**
 * Healthy only while the last successful sync is recent and every critical part (each configured
 * chat connection, each platform's delivery) is ok. A failing webhook is shown, not counted.
 */
export function healthVerdict(i: HealthInputs): HealthVerdict {
  const unhealthy: { part: string; since: string | null; detail: string }[] = [];
  const sync = i.board.get('sync');
  if (!i.lastSuccessAt) {
    const why = sync?.state === 'starting' ? ' (first sync under way)' : sync?.detail ? ` (last try: ${sync.detail})` : '';
    unhealthy.push({ part: 'sync', since: sync?.since ?? null, detail: `no successful sync yet${why}` });
  } else if (i.now.getTime() - Date.parse(i.lastSuccessAt) > i.maxSyncAgeMs) {
    const hours = ((i.now.getTime() - Date.parse(i.lastSuccessAt)) / 3600_000).toFixed(1);
    unhealthy.push({ part: 'sync', since: i.lastSuccessAt, detail: `last successful sync ${hours} h ago${sync?.detail ? ` (last try: ${sync.detail})` : ''}` });
  }
  for (const p of i.board.all()) {
    if (p.part === 'sync' || !p.critical || p.state === 'ok') continue;
    unhealthy.push({ part: p.part, since: p.since, detail: `${p.state}${p.detail ? `: ${p.detail}` : ''}` });
  }
  return { ok: unhealthy.length === 0, unhealthy, parts: i.board.all(), lastSuccessfulSync: i.lastSuccessAt, pending: i.pending };
}
