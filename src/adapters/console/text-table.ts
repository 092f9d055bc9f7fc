import type { Table } from '../../../commands/reply.js';

/** Characters a terminal shows as one column each (no East Asian wide handling needed for model names). */
const width = (s: string) => [...s].length;

/**
 * The widest line of a table in a chat message, so it reads on a 360 px phone without wrapping:
 * Discord's and Slack's code blocks show about 8.4 px per character there (14 px monospace on
 * Discord, 13 px on Slack) in the roughly 280-290 px an embed or message leaves after avatar,
 * margins and the block's own padding. 33 characters leave a little to spare.
 */
export const PHONE_WIDTH = 33;

export interface TableLayout {
  /** Longest a cell may be before it is cut with `…`. */
  readonly maxColumn?: number;
  /** Longest a line may be: the widest left-aligned column is cut until the table fits. */
  readonly width?: number;
  /** Spaces between columns (default 2). */
  readonly gap?: number;
}

const clipTo = (s: string, n: number) => (width(s) > n ? `${[...s].slice(0, Math.max(1, n - 1)).join('')}…` : s);

/** A table as aligned monospace text, for the terminal, or for a phone with `width`. */
export function textTable(table: Table, layout: TableLayout | number = {}): string {
  const { maxColumn = 40, width: most, gap = 2 } = typeof layout === 'number' ? { maxColumn: layout } : layout;
  let rows = [table.columns, ...table.rows].map((r) => r.map((c) => clipTo(c, maxColumn)));
  let widths = table.columns.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  if (most !== undefined && total() > most) {
    // The name column gives way: the widest left-aligned one, down to 6 characters.
    const flex = widths.reduce((best, w, i) => (table.align?.[i] !== 'right' && (best < 0 || w > widths[best]) ? i : best), -1);
    if (flex >= 0) {
      const fit = Math.max(6, widths[flex] - (total() - most));
      rows = rows.map((r) => r.map((c, i) => (i === flex ? clipTo(c, fit) : c)));
      widths = table.columns.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
    }
  }
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - width(cell));
        return table.align?.[i] === 'right' ? pad + cell : cell + pad;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join(' '.repeat(gap)), ...rows.slice(1).map(line)].join('\n');
}

/** The table as chat shows it on a phone: its narrow form when it has one, cut to PHONE_WIDTH. */
export function phoneTable(table: Table, rows: number): string {
  const shown = table.narrow ?? table;
  return textTable({ ...shown, rows: shown.rows.slice(0, rows) }, { width: PHONE_WIDTH, gap: 1 });
}
