#!/usr/bin/env node
// The entry point. Runs the esbuild bundle (dist/cli.mjs, built on install) when it is newer than
// every source file; otherwise registers tsx and runs the TypeScript sources as they are.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8 starts the young generation at 1 MB and doubles it at each scavenge (up to its maximum,
// 16 MB, or what --max-semi-space-size says). A command allocates fast from its first
// millisecond (`replay --file` about 100 MB in half a second), so grow 16-fold at once: the
// sample's replay then takes 7 scavenges rather than 12. The maximum is not changed.
setFlagsFromString('--semi-space-growth-factor=16');

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/cli.mjs`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(newestSource(`${root}src`), newestSource(`${root}commands`));
if (fresh) {
  await import(new URL('../dist/cli.mjs', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
