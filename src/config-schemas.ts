// The zod schemas of the detection settings (LAB_TABLE, the milestone lists), kept out of the
// domain so that detection, and `replay --json` with no such setting, never load zod.
import { z } from 'zod';
import { parseTokenAmount } from './domain/detect/options.js';
import type { LabTableOverride } from './domain/labs.js';

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]+$/, 'want a lab slug (letters, digits, . _ -)');

/** What LAB_TABLE may hold: rows and aliases that replace or extend the bundled ones. */
export const labTableOverrideSchema: z.ZodType<LabTableOverride> = z
  .object({
    aliases: z.record(slug, slug).optional(),
    labs: z
      .record(
        slug,
        z
          .object({
            name: z.string().trim().min(1, 'want a display name'),
            region: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'want an ISO 3166 two-letter country code such as CN or US').optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A comma-separated list of positive whole numbers, sorted and de-duplicated. */
export const streakListSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const nums = parts.map(Number);
    if (parts.length === 0 || nums.some((n) => !Number.isInteger(n) || n < 2)) {
      ctx.addIssue({ code: 'custom', message: 'want whole numbers of 2 or more, comma-separated (e.g. 3,5,10)' });
      return z.NEVER;
    }
    return [...new Set(nums)].sort((a, b) => a - b);
  });

/** A comma-separated list of token amounts such as `10B,1T`. */
export const tokenListSchema = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(parseTokenAmount);
  if (parts.length === 0 || values.some((v) => v === undefined || v <= 0n)) {
    ctx.addIssue({ code: 'custom', message: 'want token amounts, comma-separated (e.g. 10B,500B,1T)' });
    return z.NEVER;
  }
  return [...new Set(values as bigint[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
});
