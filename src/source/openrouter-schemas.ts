// zod schemas for OpenRouter's answers, and the translation into the source port's types.
// Shared by the HTTP client and the bundled sample so both accept exactly the same bodies.
import { z } from 'zod';
import { isDay } from '../domain/calendar.js';
import { batchFrom } from './rankings-batch.js';
import { SourceError, type ModelInfo, type RankingsBatch } from './source.js';

const day = z.string().refine(isDay, 'want a real UTC day, YYYY-MM-DD');

/** `GET /datasets/rankings-daily`. Unknown fields are stripped, not rejected: the API may grow. */
export const rankingsDailySchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    // An instant needs a zone; `2026-04-05T02:14:07` alone would be read as local time.
    as_of: z.iso.datetime({ offset: true }),
    version: z.string(),
    start_date: day,
    end_date: day,
  }),
});

/** `GET /models`. `canonical_slug` is missing on some rows; the id stands in for it then. */
export const modelsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      canonical_slug: z.string().min(1).nullish(),
      name: z.string(),
      created: z.number().nullish(),
    }),
  ),
});

/** `{"error": {"code": 400, "message": "..."}}`, sent with 400, 401, 429 and 500. */
export const apiErrorSchema = z.object({ error: z.object({ message: z.string() }) });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid';
}

/**
 * Validates a rankings-daily body as a whole: the shape with zod, the rows with `parseRows`, so one
 * bad row rejects the batch. `from` names the origin in the message (`OpenRouter`, a file path).
 */
export function toRankingsBatch(body: unknown, from: string): RankingsBatch {
  const parsed = rankingsDailySchema.safeParse(body);
  if (!parsed.success) throw new SourceError('malformed', `${from} sent a malformed rankings body: ${firstIssue(parsed.error)}`);
  return batchFrom(parsed.data.data, parsed.data.meta, from);
}

/** Catalogue rows as ModelInfo: aliases (`~…`) skipped, one entry per canonical slug. */
export function toModelInfos(body: unknown, from: string): ModelInfo[] {
  const parsed = modelsSchema.safeParse(body);
  if (!parsed.success) throw new SourceError('malformed', `${from} sent a malformed model catalogue: ${firstIssue(parsed.error)}`);
  const bySlug = new Map<string, ModelInfo>();
  for (const m of parsed.data.data) {
    if (m.id.startsWith('~')) continue;
    const canonicalSlug = m.canonical_slug ?? m.id;
    const seen = bySlug.get(canonicalSlug);
    // Variants (`:free`, `:thinking`) share the base model's slug; the base id is the page to link.
    if (seen && !(seen.id.includes(':') && !m.id.includes(':'))) continue;
    bySlug.set(canonicalSlug, { id: m.id, canonicalSlug, name: m.name, ...(m.created != null ? { created: m.created } : {}) });
  }
  return [...bySlug.values()];
}
