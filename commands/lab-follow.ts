import { LAB_PREFIX } from '../src/delivery/fan-out.js';
import { labName, labOf, labRow, type LabTable } from '../src/domain/labs.js';
import { UserError } from './command.js';
import type { ChartView } from './services.js';

/** `lab:qwen`, the subscription key of one lab. */
export const labKey = (lab: string) => `${LAB_PREFIX}${lab}`;

export const isLabKey = (key: string) => key.startsWith(LAB_PREFIX);

/** How a subscription key is shown: a model's name, or a lab's (`Alibaba (Qwen) (lab)`). */
export function followedName(view: ChartView, key: string): string {
  return isLabKey(key) ? `${labName(key.slice(LAB_PREFIX.length), view.book.labs)} (lab)` : view.label(key).name;
}

/** Every lab of a charted model, and every lab in the table. */
function knownLabs(view: ChartView, labs: LabTable): Set<string> {
  const out = new Set(Object.keys(labs.labs));
  for (const m of view.models) out.add(labOf(m, labs));
  return out;
}

/**
 * A lab as typed: its slug (`qwen`), an alias (`alibaba`, `x-ai`), or its display name
 * (`Moonshot AI`), case-insensitive. Unknown labs are refused with a few to choose from.
 */
export function resolveLab(view: ChartView, text: string): string {
  const labs = view.book.labs;
  const typed = text.trim().replace(/^lab:/i, '').toLowerCase();
  const known = knownLabs(view, labs);
  const bySlug = labOf(`${typed}/x`, labs);
  if (known.has(bySlug)) return bySlug;
  const byName = [...known].filter((l) => labRow(l, labs)?.name.toLowerCase() === typed || labRow(l, labs)?.name.toLowerCase().startsWith(`${typed} `));
  if (byName.length === 1) return byName[0];
  const charted = [...new Set(view.models.map((m) => labOf(m, labs)))].sort().slice(0, 12);
  throw new UserError('unknown_model', `No lab "${text.trim()}". Name one by its slug, e.g. ${charted.join(', ')}.`);
}
