import type { Table } from '../../../commands/reply.js';

/** Characters a terminal shows as one column each (no East Asian wide handling needed for model names). */
const width = (s: string) => [...s].length;

/** A table as aligned monospace text, for the terminal. */
export function textTable(table: Table, maxColumn = 40): string {
  const clip = (s: string) => (width(s) > maxColumn ? `${[...s].slice(0, maxColumn - 1).join('')}…` : s);
  const rows = [table.columns, ...table.rows].map((r) => r.map(clip));
  const widths = table.columns.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - width(cell));
        return table.align?.[i] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
