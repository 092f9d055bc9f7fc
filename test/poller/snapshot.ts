import type Keyv from 'keyv';

/**
 * Every key of a keyv namespace with its value serialised, sorted by key: two snapshots are equal
 * only when the store holds exactly the same entries, so "untouched" means untouched, not "reads the same".
 */
export async function snapshot(kv: Keyv): Promise<[string, string][]> {
  const entries: [string, string][] = [];
  for await (const [key, value] of kv.iterator!(kv.namespace)) entries.push([String(key), JSON.stringify(value)]);
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
