import { AllowedMentionsTypes, ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIAllowedMentions, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Button, Reply, Table } from '../../../commands/reply.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Mention } from '../../delivery/mention.js';
import { followButtonId } from '../../../commands/follow-id.js';
import { phoneTable } from '../console/text-table.js';
import { fitEmbed } from './embed.js';
import { clip, escapeMarkdown, escapeRich, LIMITS, linkTarget, neutralise, noMentions } from './text.js';

/**
 * A message body as Discord's API takes it (create message, webhook execute, interaction
 * callback data, follow-up). `allowed_mentions` is always there.
 */
export interface DiscordMessage {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: APIActionRowComponent<APIButtonComponent>[];
  readonly allowed_mentions: APIAllowedMentions;
  readonly flags?: number;
  /** Files sent multipart with the message (see attachments.ts); never part of the JSON body. */
  readonly files?: readonly import('./attachments.js').DiscordFile[];
  readonly attachments?: readonly { readonly id: number; readonly filename: string; readonly description?: string }[];
}

/** OpenRouter's brand indigo, so alerts are recognisable in a busy channel. */
const COLOR = 0x6467f2;
const FOLLOW_LABEL = 'Follow this model';

/** Up to five rows of five buttons; an id Discord cannot carry (> 100 chars) or a repeat is left out. */
export function buttonRows(buttons: readonly Button[]): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Set<string>();
  const usable = buttons.filter((b) => b.id.length > 0 && b.id.length <= LIMITS.customId && !seen.has(b.id) && seen.add(b.id));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < usable.length && rows.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    const components = usable.slice(i, i + LIMITS.buttonsPerRow).map(
      (b): APIButtonComponent => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: b.id, label: clip(b.label, LIMITS.buttonLabel) }),
    );
    rows.push({ type: ComponentType.ActionRow, components });
  }
  return rows;
}

/**
 * A model alert as one embed: the headline as the title (linking the model's page), the link
 * label, the figures as fields, and the attribution as the footer; plus a "Follow this model"
 * button when the alert is about a model. `followButton: false` for senders that cannot receive
 * clicks (plain webhooks).
 */
export function renderAlert(alert: AlertMessage, opts: { followButton?: boolean } = {}): DiscordMessage {
  const cut = alert.headline.length > LIMITS.title;
  const link = `[${escapeMarkdown(neutralise(alert.linkLabel))}](${linkTarget(alert.url)})`;
  const embed = fitEmbed({
    title: alert.headline,
    url: alert.url,
    describe: (budget) => clip([cut ? escapeMarkdown(neutralise(alert.headline)) : '', ...bullets(alert.lines), link].filter(Boolean).join('\n'), budget),
    fields: alert.figures.map(([name, value]) => ({ name, value, inline: true })),
    footer: alert.footer,
    color: COLOR,
  });
  const follow = alert.followModel && opts.followButton !== false ? buttonRows([{ id: followButtonId(alert.followModel), label: FOLLOW_LABEL }]) : [];
  return { embeds: [embed], ...(follow.length ? { components: follow } : {}), allowed_mentions: noMentions() };
}

/**
 * The alert pinging exactly its destination's mention: the mention alone is the content (the
 * alert's text stays in the embed, which never pings), and `allowed_mentions` names that role
 * and nothing else. `@here` can only be allowed through `parse: ['everyone']`, which also covers
 * `@everyone`: safe because the content is exactly `@here` (names never reach the content).
 * A Slack user group means nothing here and pings nobody.
 */
export function withMention(msg: DiscordMessage, mention: Mention | undefined): DiscordMessage {
  if (mention?.kind === 'role') return { ...msg, content: `<@&${mention.id}>`, allowed_mentions: { parse: [], roles: [mention.id] } };
  if (mention?.kind === 'here') return { ...msg, content: '@here', allowed_mentions: { parse: [AllowedMentionsTypes.Everyone] } };
  return msg;
}

/** An alert's further lines as a bulleted list, escaped (model names may hold markdown). */
function bullets(lines: readonly string[] | undefined): string[] {
  return (lines ?? []).map((l) => `• ${escapeMarkdown(neutralise(l))}`);
}

/** The table as a code block of whole rows, saying how many did not fit in `budget`. */
export function tableBlock(table: Table, budget: number): string {
  const render = (rows: number) => {
    const more = table.rows.length - rows;
    const body = neutralise(phoneTable(table, rows).replace(/```/g, "'''"));
    return `\`\`\`\n${body}\n\`\`\`${more ? `\n… ${more} more row${more === 1 ? '' : 's'}` : ''}`;
  };
  const full = render(table.rows.length);
  if (full.length <= budget) return full;
  // The most whole rows that fit (binary search: a table can have hundreds of rows).
  let [lo, hi] = [-1, table.rows.length];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (render(mid).length <= budget) lo = mid;
    else hi = mid;
  }
  return lo >= 0 ? render(lo) : '';
}

/** Text first (cut if it must be), then as much of the table as fits, then a bare link. */
function description(reply: Reply, budget: number): string {
  const link = reply.url && !reply.title ? reply.url : ''; // with a title, the title links it
  const gaps = 4; // up to two '\n\n' between the parts
  const text = reply.text ? clip(neutralise(escapeRich(reply.text)), Math.max(0, budget - link.length - gaps)) : '';
  const left = budget - text.length - link.length - gaps;
  const table = reply.table && left > 0 ? tableBlock(reply.table, left) : '';
  return [text, table, link].filter(Boolean).join('\n\n');
}

const onlyText = (r: Reply) => r.text !== undefined && !r.title && !r.fields?.length && !r.table && !r.url && !r.footer;

/**
 * A command's neutral reply as a message: plain text alone goes in `content`; anything richer is
 * one embed (title linking `url`, text and the table as a code block in the description, fields,
 * footer), with the buttons below. Personal replies are ephemeral (flags 64).
 */
export function renderReply(reply: Reply): DiscordMessage {
  const components = buttonRows(reply.buttons ?? []);
  const flags = reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {};
  const extra = { ...(components.length ? { components } : {}), allowed_mentions: noMentions(), ...flags };
  const content = onlyText(reply) ? neutralise(escapeRich(reply.text!)) : '';
  if (content && content.length <= LIMITS.content) return { content, ...extra };
  const embed = fitEmbed({
    title: reply.title,
    url: reply.url,
    describe: (budget) => description(reply, budget),
    fields: reply.fields?.map((f) => ({ name: f.label, value: f.value, inline: f.inline })),
    footer: reply.footer,
    color: COLOR,
  });
  return { embeds: [embed], ...extra };
}

/** Plain text (notices, the alert test) as a message that pings nobody; `<#id>` stays a channel link. */
export function renderText(text: string): DiscordMessage {
  return { content: clip(neutralise(escapeRich(text)), LIMITS.content), allowed_mentions: noMentions() };
}
