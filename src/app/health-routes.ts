import type { HttpServer } from '../http/server.js';
import type { HealthBoard } from '../health/health.js';
import { healthVerdict } from '../health/healthz.js';
import type { Metrics } from '../health/telemetry.js';
import type { OutboxStore } from '../store/outbox-store.js';

/**
 * `GET /healthz`: 200 while the last successful sync is recent and every critical part is ok, else
 * 503 with which part is unhealthy and since when. `GET /metrics`: Prometheus text (prom-client).
 */
export function mountHealthRoutes(http: HttpServer, o: { board: HealthBoard; outbox: OutboxStore; metrics: Metrics; clock: () => Date; maxSyncAgeMs: number; pending: () => number; watchSync?: boolean }): void {
  http.route('GET', '/healthz', async (_req, res) => {
    const state = await o.outbox.pollState().catch(() => null);
    const verdict = healthVerdict({ board: o.board, lastSuccessAt: state?.lastSuccessAt ?? null, now: o.clock(), maxSyncAgeMs: o.maxSyncAgeMs, pending: o.pending(), watchSync: o.watchSync !== false });
    const body = state ? verdict : { ...verdict, ok: false, unhealthy: [...verdict.unhealthy, { part: 'store', since: null, detail: 'cannot read the store' }] };
    res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  });
  http.route('GET', '/metrics', async (_req, res) => {
    res.writeHead(200, { 'content-type': o.metrics.registry.contentType }).end(await o.metrics.text());
  });
}
