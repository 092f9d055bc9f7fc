// Who a Slack message notifies: the special mentions in its text and in its blocks' text
// (docs.slack.dev "Formatting text for app surfaces": `<@U…>`, `<!subteam^S…>`, `<!here>`,
// `<!channel>`, `<!everyone>`). Escaped text (`&lt;!here&gt;`) is literal and notifies nobody, and
// so is a `plain_text` object (a header's text): Slack does not parse markup there.
import type { RecordedMessage } from './types.js';

const MENTION = /<(@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+|!here|!channel|!everyone)(?:\|[^>]*)?>/g;

function texts(node: unknown, out: string[]): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object' && (node as { type?: string }).type !== 'plain_text') Object.values(node).forEach((n) => texts(n, out));
  return out;
}

/** Every mention the message would act on, deduplicated: `@U123`, `!subteam^S123`, `!here`. */
export function pingsOf(m: Pick<RecordedMessage, 'text' | 'blocks'>): string[] {
  const all = texts([m.text, m.blocks ?? []], []).flatMap((t) => [...t.matchAll(MENTION)].map((x) => x[1]));
  return [...new Set(all)];
}
