import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up to rankwatch's package.json, so bundled data resolves
 * the same from `src/` (tsx) and from the built `dist/` bundle.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'rankwatch') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A file shipped with rankwatch (`data/sample/models.json`). */
export const shipped = (relative: string): string => join(ROOT, relative);
