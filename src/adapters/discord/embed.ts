import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip, escapeMarkdown, LIMITS, neutralise, nonEmpty } from './text.js';

/** What a message shows, before Discord's limits are applied. */
export interface EmbedDraft {
  readonly title?: string;
  readonly url?: string;
  /** Builds the description within a budget (so a table can drop whole rows rather than be cut). */
  readonly describe?: (budget: number) => string;
  readonly fields?: readonly { readonly name: string; readonly value: string; readonly inline?: boolean }[];
  readonly footer?: string;
  readonly color?: number;
}

const size = (f: APIEmbedField) => f.name.length + f.value.length;

function field(f: NonNullable<EmbedDraft['fields']>[number]): APIEmbedField {
  return {
    name: clip(nonEmpty(neutralise(escapeMarkdown(f.name))), LIMITS.fieldName),
    value: clip(nonEmpty(neutralise(escapeMarkdown(f.value))), LIMITS.fieldValue),
    ...(f.inline ? { inline: true } : {}),
  };
}

/**
 * One embed that respects every limit (the title, field names and values made literal
 * markdown; `describe` escapes its own): title 256, description 4096, 25 fields (256 / 1024),
 * footer 2048, and 6000 in total. The title and the attribution footer always stay; the
 * description comes next, and fields that no longer fit are dropped from the end.
 */
export function fitEmbed(draft: EmbedDraft): APIEmbed {
  const title = draft.title ? clip(neutralise(escapeMarkdown(draft.title)), LIMITS.title) : undefined;
  // Footers show no markdown, so they are not escaped (a backslash would show).
  const footer = draft.footer ? clip(neutralise(draft.footer), LIMITS.footer) : undefined;
  const room = LIMITS.total - (title?.length ?? 0) - (footer?.length ?? 0);
  const fields = (draft.fields ?? []).slice(0, LIMITS.fields).map(field);
  let fieldChars = fields.reduce((n, f) => n + size(f), 0);
  const wanted = draft.describe?.(LIMITS.description) ?? '';
  while (fields.length && wanted.length > Math.min(LIMITS.description, room - fieldChars)) fieldChars -= size(fields.pop()!);
  while (fields.length && fieldChars > room) fieldChars -= size(fields.pop()!);
  const budget = Math.min(LIMITS.description, room - fieldChars);
  const description = wanted.length <= budget ? wanted : (draft.describe?.(budget) ?? '');
  return {
    ...(title ? { title } : {}),
    ...(title && draft.url && draft.url.length <= LIMITS.url ? { url: draft.url } : {}),
    ...(description ? { description: clip(description, budget) } : {}),
    ...(fields.length ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
    ...(draft.color !== undefined ? { color: draft.color } : {}),
  };
}

/** Characters an embed counts against the 6000 total (what Discord sums). */
export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + size(f), 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0)
  );
}
