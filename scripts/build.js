#!/usr/bin/env node
// Bundles the TypeScript sources into dist/ (entry dist/cli.mjs) with esbuild (dependencies stay external).
// Runs on `npm install` (prepare) and before `npm start`; bin/rankwatch.js falls back to tsx
// whenever a source file is newer than the bundle, so a stale build never runs.
import { build } from 'esbuild';

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
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
