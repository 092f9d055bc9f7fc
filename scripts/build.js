#!/usr/bin/env node
// Bundles the TypeScript sources into dist/ (entry dist/cli.mjs) with esbuild (dependencies but zod and commander stay external).
// Runs on `npm install` (prepare) and before `npm start`; bin/rankwatch.js falls back to tsx
// whenever a source file is newer than the bundle, so a stale build never runs.
import { sep } from 'node:path';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a hash: a fresh dist/ keeps no stale chunk from an earlier build.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// Dependencies stay external (node_modules at run time), but zod: loaded from node_modules it is
// about 100 ES modules (64 of them message locales) that every command, even `replay`, pays to
// resolve and link. Bundled, it is one chunk, and without the locales rankwatch never uses (zod's
// English messages are imported on their own), a third of the size.
// commander (CommonJS, no dependencies) is bundled too: every command starts with it, and loaded
// from node_modules Node resolves it and scans its CommonJS for export names first. The banner
// gives the bundle a real `require` for its require('node:events') and the like.
// Every other bare import (a package, or a node: builtin) stays external, including packages
// that are only dependencies of dependencies (ioredis through bullmq): esbuild would otherwise
// bundle their CommonJS into ESM chunks, where `require('events')` of a package needs that
// package installed at run time anyway.
const BUNDLED = /^(zod|commander)(\/|$)/;
const externalButZod = {
  name: 'external-but-zod',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  // Split at dynamic imports so `replay` never loads discord.js or Bolt.
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externalButZod, zodEnglishOnly],
  sourcemap: 'linked',
  // commander is CommonJS: its require('node:events') needs a real require in an ES module.
  banner: { js: "import { createRequire as __rankwatchRequire } from 'node:module'; const require = __rankwatchRequire(import.meta.url);" },
  logLevel: 'warning',
});
