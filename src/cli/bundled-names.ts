import { readFileSync } from 'node:fs';
import type { ModelName } from '../domain/names.js';
import { shipped } from '../paths.js';
import { toModelInfos } from '../source/openrouter-schemas.js';

const CATALOGUE = shipped('data/sample/models.json');

/** The catalogue snapshot shipped with rankwatch: names for a replayed file when no store has any. */
export function bundledNames(): Map<string, ModelName> {
  try {
    const models = toModelInfos(JSON.parse(readFileSync(CATALOGUE, 'utf8')), 'the bundled catalogue');
    return new Map(models.map((m) => [m.canonicalSlug, { id: m.id, name: m.name }]));
  } catch {
    return new Map();
  }
}
