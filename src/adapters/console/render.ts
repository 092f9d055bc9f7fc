import type { Reply } from '../../../commands/reply.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import { textTable } from './text-table.js';

const bold = (s: string, color: boolean) => (color ? s.replace(/\*\*(.+?)\*\*/g, '\u001b[1m$1\u001b[22m') : s.replace(/\*\*(.+?)\*\*/g, '$1'));

/** An alert as it would appear in a channel, in plain terminal text. */
export function renderAlertText(a: AlertMessage, color = false): string {
  const head = color ? `\u001b[1m🔔 ${a.headline}\u001b[22m` : `🔔 ${a.headline}`;
  const figures = a.figures.map(([k, v]) => `${k}: ${v}`).join(' · ');
  const lines = (a.lines ?? []).map((l) => `   • ${l}`);
  return [head, ...lines, ...(figures ? [`   ${figures}`] : []), `   ${a.url}`, `   ${a.footer}`].join('\n');
}

/** A command reply in plain terminal text. */
export function renderReplyText(r: Reply, color = false): string {
  const parts: string[] = [];
  if (r.title) parts.push(color ? `\u001b[1m${r.title}\u001b[22m` : r.title);
  if (r.text) parts.push(bold(r.text, color));
  if (r.fields?.length) parts.push(r.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (r.table) parts.push(textTable(r.table));
  if (r.url) parts.push(r.url);
  if (r.buttons?.length) parts.push(r.buttons.map((b) => `[${b.label}: ${b.id.startsWith('follow:') ? `/subscribe ${b.id.slice(7)}` : b.id}]`).join(' '));
  if (r.footer) parts.push(r.footer);
  return parts.join('\n');
}
