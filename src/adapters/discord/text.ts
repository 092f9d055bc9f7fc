import type { APIAllowedMentions } from 'discord.js';

/**
 * Discord's message limits (resources/message.mdx "Embed Limits", "Create Message"; components
 * reference). Lengths are counted here in UTF-16 units, which is never fewer than the characters
 * Discord counts, so a payload that fits here fits there.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** title + description + field names and values + footer + author, over all embeds. */
  total: 6000,
  url: 2048,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceText: 100,
} as const;

/**
 * Sent with every message: nobody is pinged, whatever a model name or a user's input contains.
 * Discord's default for bot messages is to parse every mention, `@everyone` included.
 */
export function noMentions(): APIAllowedMentions {
  return { parse: [] };
}

const ZWSP = '\u200b';

/**
 * Belt and braces beside `allowed_mentions`: a zero-width space after every `@` so `@everyone`,
 * `@here`, `<@id>` and `<@&role>` are plain text even if a payload ever went out without it.
 */
export function neutralise(text: string): string {
  return text.replace(/@/g, `@${ZWSP}`);
}

/** Cuts `text` to at most `max` UTF-16 units, ending in `…`; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Discord rejects empty field names and values; a zero-width space is the accepted blank. */
export function nonEmpty(text: string): string {
  return text.trim() === '' ? ZWSP : text;
}

/**
 * Discord markdown made literal, for every string that came from outside (model names from
 * OpenRouter, delivery reasons, user input): a backslash before emphasis, strike, code and
 * spoiler characters and before `[` `]` (so `[x](https://evil.example)` is no masked link: the
 * parentheses mean nothing on their own and stay as they are), and before a quote, heading,
 * list or subtext marker that starts a line. Everything else is left alone, so what people
 * read (and what tests assert) stays plain: `Daily chart, 2026-03-11 (UTC)`; so is a single
 * `_` inside a word (`new_leader`), which Discord never reads as italics.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*~`|[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&')
    .replace(/^(\s*)([>#-])(?=[\s>#])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** escapeMarkdown, except that the neutral reply's one markup, `**bold**`, stays bold. */
export function escapeRich(text: string): string {
  return text
    .split(/\*\*(.+?)\*\*/)
    .map((part, i) => (i % 2 ? `**${escapeMarkdown(part)}**` : escapeMarkdown(part)))
    .join('');
}

/** A masked link's target cannot end the link early: `(`, `)`, `<`, `>` and spaces are percent-encoded. */
export function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
