/**
 * Text helpers for Slack. Slack parses `<…>` in mrkdwn (and in a message's top-level `text`)
 * as links and mentions (`<!channel>`, `<@U…>`), so every string that came from outside (model
 * names from OpenRouter, user input echoed back) is escaped before it reaches Slack.
 */

/** Escapes the three characters Slack's docs require, so `<!channel>` shows literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts `text` to at most `max` characters (UTF-16 units, as Slack counts), ending in `…` when
 * cut. Never splits a surrogate pair or an `&amp;`-style entity.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  return `${cut}…`;
}

/** Escaped, then truncated: the usual path for a mrkdwn string. */
export function mrkdwn(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/** Escaped mrkdwn with the neutral reply's one markup, `**bold**`, turned into Slack's `*bold*`. */
export function richText(text: string, max: number): string {
  return truncate(escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, '*$1*'), max);
}

/** A `<url|label>` link; `|` and `>` cannot end the link early and the label cannot mention. */
export function link(url: string, label: string): string {
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** A plain_text object, cut to the block's limit (plain_text is never parsed for mentions). */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: boolean } {
  return { type: 'plain_text', text: truncate(text.trim() || '-', max), emoji: true };
}
