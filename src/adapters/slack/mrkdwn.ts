/**
 * Text helpers for Slack. Slack parses `<…>` in mrkdwn (and in a message's top-level `text`)
 * as links and mentions (`<!channel>`, `<@U…>`), and `*_~\`` as formatting, so every string that
 * came from outside (model names from OpenRouter, user input echoed back) is made literal
 * before it reaches Slack.
 */

/** Escapes the three characters Slack's docs require, so `<!channel>` shows literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack's formatting characters, and a look-alike for each that Slack does not format. mrkdwn
 * has no escape character, and a zero-width space beside a marker *forces* formatting (it makes
 * a word boundary), so look-alikes are the only way to show a model named `*bold*` as typed.
 * The same table as jsx-slack's `<Escape>`, including the full-width forms Slack also reads.
 */
const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  '＊': '\ufe61', // ﹡ small asterisk
  _: '\u02cd', // ˍ modifier letter low macron
  '＿': '\u2e0f', // ⸏ paragraphos
  '`': '\u02cb', // ˋ modifier letter grave accent
  '｀': '\u02cb',
  '~': '\u223c', // ∼ tilde operator
};

/**
 * Text from outside (a model name, a reason) as literal mrkdwn: `<>&` escaped, formatting
 * characters swapped for look-alikes, and a soft hyphen before a `>` that starts a line (a quote).
 * Slack formats `*` `_` `~` only at a word's edge, so one inside a word (`new_leader`, an option
 * value people copy) stays the real character; a backtick is always swapped.
 */
export function literal(text: string): string {
  return escapeMrkdwn(text)
    .replace(/[`｀]|(?<![\p{L}\p{N}])[*＊_＿~]|[*＊_＿~](?![\p{L}\p{N}])/gu, (c) => LOOKALIKE[c])
    .replace(/^(\s*)(&gt;|＞)/gm, '$1\u00ad$2');
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

/** Literal, then truncated: the usual path for a mrkdwn string. */
export function mrkdwn(text: string, max: number): string {
  return truncate(literal(text), max);
}

/** Literal mrkdwn except the neutral reply's one markup, `**bold**`, which becomes Slack's `*bold*`. */
export function richText(text: string, max: number): string {
  const parts = text.split(/\*\*(.+?)\*\*/).map((part, i) => (i % 2 ? `*${literal(part)}*` : literal(part)));
  return truncate(parts.join(''), max);
}

/** A `<url|label>` link; `|` and `>` cannot end the link early and the label is literal. */
export function link(url: string, label: string): string {
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${literal(label).replace(/\|/g, '¦')}>`;
}

/** A plain_text object, cut to the block's limit (plain_text is never parsed for mentions). */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: boolean } {
  return { type: 'plain_text', text: truncate(text.trim() || '-', max), emoji: true };
}
