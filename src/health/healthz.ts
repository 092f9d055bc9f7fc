import type { HealthBoard, PartStatus } from './health.js';

export interface HealthInputs {
  readonly board: HealthBoard;
  /** The last successful sync (persisted, so a restart keeps it). */
  readonly lastSuccessAt: string | null;
  readonly now: Date;
  /** How old the last successful sync may be: the schedule's period plus the allowed delay. */
  readonly maxSyncAgeMs: number;
  readonly pending: number;
  /** False in a fleet role that does not poll: the sync's age is the pollers' health, not this process's. */
  readonly watchSync?: boolean;
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
  if (i.watchSync !== false) {
    const problem = syncProblem(i, sync);
    if (problem) unhealthy.push(problem);
  }
  for (const p of i.board.all()) {
    if (p.part === 'sync' || !p.critical || p.state === 'ok') continue;
    unhealthy.push({ part: p.part, since: p.since, detail: `${p.state}${p.detail ? `: ${p.detail}` : ''}` });
  }
  return { ok: unhealthy.length === 0, unhealthy, parts: i.board.all(), lastSuccessfulSync: i.lastSuccessAt, pending: i.pending };
}

/** The sync's trouble, when there is any: none yet, or the last success too long ago. */
function syncProblem(i: HealthInputs, sync: PartStatus | undefined): { part: string; since: string | null; detail: string } | null {
  if (!i.lastSuccessAt) {
    const why = sync?.state === 'starting' ? ' (first sync under way)' : sync?.detail ? ` (last try: ${sync.detail})` : '';
    return { part: 'sync', since: sync?.since ?? null, detail: `no successful sync yet${why}` };
  }
  const age = i.now.getTime() - Date.parse(i.lastSuccessAt);
  if (age <= i.maxSyncAgeMs) return null;
  return { part: 'sync', since: i.lastSuccessAt, detail: `last successful sync ${(age / 3600_000).toFixed(1)} h ago${sync?.detail ? ` (last try: ${sync.detail})` : ''}` };
}
