/**
 * `npm run chaos`: every fault scenario of test/chaos through the whole app and the stand-ins (a
 * manual clock runs the long outages in seconds), printed as one table. `recovered` is clock time
 * from the fault's end to the last delivery; the kill -9 row is wall time of the restart.
 */
import { killMidFanOut } from '../test/chaos/kill.js';
import { SCENARIOS, type ChaosResult } from '../test/chaos/scenarios.js';

function duration(ms: number | null): string {
  if (ms === null) return 'n/a';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export async function benchChaos(): Promise<void> {
  console.log('\n## chaos: faults through the whole app (stand-ins for Discord, Slack, OpenRouter)\n');
  const rows: ChaosResult[] = [];
  for (const scenario of [...SCENARIOS, () => killMidFanOut('kill -9 mid fan-out (200 deliveries)')]) {
    const r = await scenario();
    rows.push(r);
    console.error(`  done: ${r.scenario}`);
  }
  console.log('| scenario | planned | delivered | lost | doubled | dropped (recorded) | disabled | recovered |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.planned} | ${r.delivered} | ${r.lost} | ${r.doubled} | ${r.dropped} | ${r.disabled} | ${duration(r.recoveredMs)} |`);
}

if (process.argv[1]?.endsWith('chaos.ts')) {
  await benchChaos();
  process.exit(0);
}
