import { readFileSync } from 'node:fs';
import { toRankingsBatch } from '../src/source/openrouter-schemas.js';
import { KeyvHistoryStore } from '../src/store/keyv-history-store.js';
import { openKeyv } from '../src/store/open-keyv.js';
const url = process.argv[2];
const h = new KeyvHistoryStore(await openKeyv(url));
const b = toRankingsBatch(JSON.parse(readFileSync('data/sample/rankings-daily.json', 'utf8')), 'x');
await h.saveBatch({ rows: b.rows, start: b.rows[0].date, end: b.meta.endDate, asOf: b.meta.asOf, completeThrough: b.meta.endDate }, 'now');
process.exit(0);
