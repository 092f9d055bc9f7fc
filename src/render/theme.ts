/** The two looks of every picture: Discord and Slack are read on dark and light themes alike. */
export const THEMES = ['dark', 'light'] as const;
export type ThemeName = (typeof THEMES)[number];

export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  /** Bars and the model's own line. */
  readonly accent: string;
  /** The leader, days at #1. */
  readonly gold: string;
  readonly up: string;
  readonly down: string;
  /** One colour per series of the race (10 models). */
  readonly series: readonly string[];
}

const SERIES_DARK = ['#60a5fa', '#f59e0b', '#34d399', '#f472b6', '#a78bfa', '#22d3ee', '#fb7185', '#a3e635', '#fbbf24', '#94a3b8'];
const SERIES_LIGHT = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#e11d48', '#65a30d', '#b45309', '#475569'];

export const PALETTES: Record<ThemeName, Palette> = {
  dark: { background: '#1e1f22', text: '#f2f3f5', muted: '#a3a6ad', grid: '#3a3c42', accent: '#5b8def', gold: '#f5b83d', up: '#3ecf8e', down: '#f4706b', series: SERIES_DARK },
  light: { background: '#ffffff', text: '#1d1c1d', muted: '#616061', grid: '#e3e3e6', accent: '#2f6fe4', gold: '#d99100', up: '#148a55', down: '#c9372c', series: SERIES_LIGHT },
};
