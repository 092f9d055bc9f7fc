/**
 * What a picture shows, as plain data: built from the charts by `picture-data.ts` (pure), drawn by
 * `draw.ts`. Token figures are numbers for plotting (a day's tokens stay far below 2^53) and
 * strings in the project's short form for labels.
 */
export interface Frame {
  readonly title: string;
  readonly subtitle?: string;
  /** The attribution line, drawn into the image (`Source: OpenRouter (openrouter.ai/rankings), as of …`). */
  readonly footer: string;
}

export interface LeaderboardBar {
  readonly rank: number;
  readonly name: string;
  readonly tokens: number;
  /** `1.42T`. */
  readonly figure: string;
  /** `▲2`, `▼1`, `=`, `new`, or empty when there is no period before. */
  readonly move: string;
  /** Tokens against the period before: `+12.3%`, or empty. */
  readonly change: string;
}

export interface LeaderboardPicture extends Frame {
  readonly kind: 'leaderboard';
  readonly bars: readonly LeaderboardBar[];
}

export interface ModelPicture extends Frame {
  readonly kind: 'model';
  readonly days: readonly string[];
  /** Per day; null where the model was not charted. */
  readonly tokens: readonly (number | null)[];
  /** Per day: true when it was #1 on the daily chart. */
  readonly atOne: readonly boolean[];
  /** Index of the best day in `days`, or -1. */
  readonly best: number;
  readonly bestLabel: string;
}

export interface Series {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

export interface RacePicture extends Frame {
  readonly kind: 'race';
  /** Week keys (`2026-W46`) and their Mondays, for axis labels. */
  readonly weeks: readonly string[];
  readonly series: readonly Series[];
}

export interface MomentPicture extends Frame {
  readonly kind: 'moment';
  readonly days: readonly string[];
  /** The subject first, then the one it beat (if any). */
  readonly series: readonly Series[];
}

export type Picture = LeaderboardPicture | ModelPicture | RacePicture | MomentPicture;
export type PictureKind = Picture['kind'];

/** Logical size (CSS pixels) of each picture: laid out for a 360 px wide phone screen, drawn at 2x. */
export const WIDTH = 360;
export const SCALE = 2;
