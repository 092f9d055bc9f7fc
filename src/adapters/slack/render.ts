import type { types } from '@slack/bolt';
import type { Button, Reply, Table } from '../../../commands/reply.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Mention } from '../../delivery/mention.js';
import { followButtonId } from '../../../commands/follow-id.js';
import { phoneTable } from '../console/text-table.js';
import { escapeMrkdwn, link, literal, mrkdwn, plain, richText, truncate } from './mrkdwn.js';
import { slackCommandNames } from './command-names.js';

type KnownBlock = types.KnownBlock;

/** What chat.postMessage, respond() and incoming webhooks take: blocks plus the notification text. */
export interface SlackMessage {
  /** Fallback for notifications and screen readers; escaped, because Slack parses it for mentions. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Block Kit limits (docs.slack.dev block reference; @slack/types JSDoc). */
export const LIMITS = { blocks: 50, header: 150, section: 3000, fields: 10, field: 2000, context: 10, actions: 25, button: 75, value: 2000, text: 3000 } as const;

const header = (text: string): KnownBlock => ({ type: 'header', text: plain(text, LIMITS.header) });
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const labelled = (label: string, value: string, max: number) => truncate(`*${literal(label)}*\n${literal(value)}`, max);

function fieldSections(fields: readonly { label: string; value: string }[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields) {
    const chunk = fields.slice(i, i + LIMITS.fields);
    out.push({ type: 'section', fields: chunk.map((f) => ({ type: 'mrkdwn', text: labelled(f.label, f.value, LIMITS.field) })) });
  }
  return out;
}

/**
 * A button for a neutral button id `kind:value`: Slack gets `action_id` = kind (unique within
 * the block, so a repeat gets `#n`) and `value` = the rest. `buttonId` reverses it.
 */
function buttonElement(button: Button, index: number, seen: Set<string>): types.Button | null {
  const colon = button.id.indexOf(':');
  const kind = colon < 0 ? button.id : button.id.slice(0, colon);
  const value = colon < 0 ? '' : button.id.slice(colon + 1);
  if (value.length > LIMITS.value) return null; // a cut value would name the wrong thing
  const actionId = seen.has(kind) ? `${kind}#${index}` : kind;
  seen.add(kind);
  return { type: 'button', action_id: actionId, text: plain(button.label, LIMITS.button), ...(value ? { value } : {}) };
}

/** The neutral button id (`follow:qwen/qwen3.6-plus`) of a clicked Slack button. */
export function buttonId(action: { action_id: string; value?: string }): string {
  const kind = action.action_id.replace(/#\d+$/, '');
  return action.value ? `${kind}:${action.value}` : kind;
}

function actions(buttons: readonly Button[]): KnownBlock[] {
  const seen = new Set<string>();
  const elements = buttons.slice(0, LIMITS.actions).map((b, i) => buttonElement(b, i, seen)).filter((e): e is types.Button => e !== null);
  return elements.length ? [{ type: 'actions', elements }] : [];
}

/** The table as a monospace block, keeping whole rows and saying how many did not fit. */
function tableBlock(table: Table): KnownBlock {
  const fence = (body: string) => `\`\`\`\n${body}\n\`\`\``;
  for (let rows = table.rows.length; rows >= 0; rows--) {
    const more = table.rows.length - rows;
    const body = escapeMrkdwn(phoneTable(table, rows).replace(/```/g, "'''"));
    const text = fence(more ? `${body}\n… ${more} more row${more === 1 ? '' : 's'}` : body);
    if (text.length <= LIMITS.section) return section(text);
  }
  return section(truncate(fence(escapeMrkdwn(table.columns.join('  '))), LIMITS.section));
}

function context(parts: readonly string[]): KnownBlock[] {
  const elements = parts.filter(Boolean).slice(0, LIMITS.context).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.text) }));
  return elements.length ? [{ type: 'context', elements }] : [];
}

function linkLabel(url: string): string {
  try {
    const host = new URL(url).hostname;
    return host === 'openrouter.ai' ? 'View on OpenRouter' : host;
  } catch {
    return 'Link';
  }
}

/**
 * One alert as Block Kit: the headline as the header (and in full below it when the header had
 * to cut it), the figures as fields, the attribution and the model's link as context, and a
 * "Follow this model" button when the alert is about a model and the app can receive clicks.
 */
export function renderAlert(alert: AlertMessage, opts: { followButton?: boolean } = {}): SlackMessage {
  const blocks: KnownBlock[] = [header(alert.headline)];
  if (alert.headline.length > LIMITS.header) blocks.push(section(mrkdwn(alert.headline, LIMITS.section)));
  if (alert.lines?.length) blocks.push(section(truncate(alert.lines.map((l) => `• ${mrkdwn(l, LIMITS.section)}`).join('\n'), LIMITS.section)));
  blocks.push(...fieldSections(alert.figures.slice(0, LIMITS.fields).map(([label, value]) => ({ label, value }))));
  blocks.push(...context([literal(alert.footer), link(alert.url, alert.linkLabel)]));
  if (alert.followModel && opts.followButton !== false) blocks.push(...actions([{ id: followButtonId(alert.followModel), label: 'Follow this model' }]));
  return { text: mrkdwn(alert.headline, LIMITS.text), blocks };
}

/**
 * The alert pinging its channel's mention: `<!subteam^ID>` (a user group) or `<!here>`, as the
 * first block and at the start of the notification text. Nothing else in the message can ping:
 * every outside string is escaped (`<` `>` `&`), so only this tag is markup. A Discord role
 * means nothing here and pings nobody.
 */
export function withMention(msg: SlackMessage, mention: Mention | undefined): SlackMessage {
  const tag = mention?.kind === 'group' ? `<!subteam^${mention.id}>` : mention?.kind === 'here' ? '<!here>' : null;
  if (!tag) return msg;
  return { text: truncate(`${tag} ${msg.text}`, LIMITS.text), blocks: [section(tag), ...msg.blocks].slice(0, LIMITS.blocks) };
}

/** A command's neutral reply as Block Kit. */
export function renderReply(original: Reply): SlackMessage {
  const reply = original.text ? { ...original, text: slackCommandNames(original.text) } : original;
  const blocks: KnownBlock[] = [];
  if (reply.title) blocks.push(header(reply.title));
  if (reply.text) blocks.push(section(richText(reply.text, LIMITS.section)));
  for (const f of reply.fields ?? []) {
    const last = blocks.at(-1);
    if (f.inline && last?.type === 'section' && last.fields && last.fields.length < LIMITS.fields) {
      last.fields.push({ type: 'mrkdwn', text: labelled(f.label, f.value, LIMITS.field) });
    } else if (f.inline) blocks.push(...fieldSections([f]));
    else blocks.push(section(labelled(f.label, f.value, LIMITS.section)));
  }
  if (reply.table) blocks.push(tableBlock(reply.table));
  blocks.push(...context([reply.footer ? literal(reply.footer) : '', reply.url ? link(reply.url, linkLabel(reply.url)) : '']));
  blocks.push(...actions(reply.buttons ?? []));
  const fallback = [reply.title, reply.text?.replace(/\*\*(.+?)\*\*/g, '$1')].filter(Boolean).join('\n') || reply.footer || 'rankwatch';
  return { text: mrkdwn(fallback, LIMITS.text), blocks: keepWithinLimit(blocks) };
}

/** At most 50 blocks: the actions block (if any) stays last, the middle is cut. */
function keepWithinLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const last = blocks.at(-1)!;
  if (last.type !== 'actions') return blocks.slice(0, LIMITS.blocks);
  return [...blocks.slice(0, LIMITS.blocks - 1), last];
}
