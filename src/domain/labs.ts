import { BUNDLED_LABS, type LabRow, type LabTable } from './lab-table.js';

export { BUNDLED_LABS, regionName, type LabRow, type LabTable } from './lab-table.js';

/**
 * A model's lab: the author part of its permaslug (`qwen` in `qwen/qwen3.6-plus-04-02`), lower
 * case and without the `~` of OpenRouter's "latest" aliases, after the alias table.
 */
export function labOf(permaslug: string, table: LabTable = BUNDLED_LABS): string {
  const slash = permaslug.indexOf('/');
  const author = (slash < 0 ? permaslug : permaslug.slice(0, slash)).replace(/^~/, '').toLowerCase();
  return table.aliases[author] ?? author;
}

/** The row of a lab, when the table has one. */
export function labRow(lab: string, table: LabTable = BUNDLED_LABS): LabRow | undefined {
  return Object.hasOwn(table.labs, lab) ? table.labs[lab] : undefined;
}

/** `Alibaba (Qwen)`; a lab missing from the table is shown by its slug. */
export function labName(lab: string, table: LabTable = BUNDLED_LABS): string {
  return labRow(lab, table)?.name ?? lab;
}

/** The lab's ISO 3166 country code; undefined when the table has none for it. */
export function labRegion(lab: string, table: LabTable = BUNDLED_LABS): string | undefined {
  return labRow(lab, table)?.region;
}

/** What LAB_TABLE may hold (validated in config-schemas.ts): rows and aliases that replace or extend the bundled ones. */
export interface LabTableOverride {
  readonly aliases?: Record<string, string>;
  readonly labs?: Record<string, LabRow>;
}

/** The bundled table with an override laid over it, row by row. */
export function mergeLabTable(override: LabTableOverride, base: LabTable = BUNDLED_LABS): LabTable {
  return { aliases: { ...base.aliases, ...override.aliases }, labs: { ...base.labs, ...override.labs } };
}
