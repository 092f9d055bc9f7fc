import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Keyv from 'keyv';
import { openKeyv } from '../../src/store/open-keyv.js';

/**
 * The keyv backends the store tests run on. SQLite always runs; Redis and PostgreSQL run when
 * RANKWATCH_TEST_REDIS_URL / RANKWATCH_TEST_POSTGRES_URL are set (.ci/run sets both), and are
 * skipped with one line otherwise, so a laptop without those servers still passes `npm test`.
 */
export interface Backend {
  readonly name: string;
  /** A fresh, empty store; `close` disconnects and removes what the test wrote. */
  open(): Promise<{ kv: Keyv; url: string; namespace: string; close(): Promise<void> }>;
}

let counter = 0;
const uniqueNamespace = () => `rw-test-${process.pid}-${Date.now()}-${counter++}`;

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'rankwatch-'));
    const url = `sqlite://${join(dir, 'store.sqlite')}`;
    const namespace = 'rankwatch';
    const kv = await openKeyv(url, namespace);
    return { kv, url, namespace, close: async () => (await kv.disconnect(), rmSync(dir, { recursive: true, force: true })) };
  },
};

function server(name: string, url: string | undefined): Backend | null {
  if (!url) return null;
  return {
    name,
    async open() {
      const namespace = uniqueNamespace();
      const kv = await openKeyv(url, namespace);
      return { kv, url, namespace, close: async () => (await kv.clear(), await kv.disconnect()) };
    },
  };
}

const redis = server('redis', process.env.RANKWATCH_TEST_REDIS_URL);
const postgres = server('postgres', process.env.RANKWATCH_TEST_POSTGRES_URL);

const skipped = [!redis && 'Redis (set RANKWATCH_TEST_REDIS_URL=redis://127.0.0.1:6379)', !postgres && 'PostgreSQL (set RANKWATCH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test)'].filter(Boolean);
let said = false;
/** Prints the one line saying which server suites are skipped (once per test file). */
export function announceSkips(): void {
  if (said || skipped.length === 0) return;
  said = true;
  console.log(`[rankwatch] skipping store suites for ${skipped.join(' and ')}: not configured`);
}

export const BACKENDS: Backend[] = [sqlite, redis, postgres].filter((b): b is Backend => b !== null);
