/**
 * The neutral reply every command returns; the Discord, Slack and console adapters each render
 * it (embed, Block Kit, terminal text). Commands never talk to a platform.
 */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column; default left. */
  readonly align?: readonly ('left' | 'right')[];
  /**
   * The same rows for a phone (Discord and Slack): fewer, shorter columns. Chat adapters show this
   * one when given, and clip the widest name column so every line fits PHONE_WIDTH.
   */
  readonly narrow?: Table;
}

export interface Button {
  /** Routed back to the command layer when clicked (e.g. `follow:qwen/qwen3.6-plus-04-02`). */
  readonly id: string;
  readonly label: string;
}

/**
 * A picture beside the text (the text stays, for screen readers and search). Drawn only when an
 * adapter asks; an adapter that cannot wait for it, or cannot post files, sends the text alone.
 */
export interface ReplyImage {
  /** File name ending in `.png`, letters, digits and `-` only. */
  readonly name: string;
  readonly alt: string;
  render(theme?: 'dark' | 'light'): Promise<Buffer>;
}

export interface Reply {
  readonly title?: string;
  /** Plain text; `**bold**` is the only markup, which every adapter can render. */
  readonly text?: string;
  readonly fields?: readonly { readonly label: string; readonly value: string; readonly inline?: boolean }[];
  readonly table?: Table;
  readonly url?: string;
  /** The attribution line when the reply shows OpenRouter data. */
  readonly footer?: string;
  /** Only the person who asked sees it. */
  readonly ephemeral?: boolean;
  readonly buttons?: readonly Button[];
  readonly image?: ReplyImage;
}
