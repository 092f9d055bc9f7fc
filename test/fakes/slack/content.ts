// Message content checks shared by the Web API, response_url and incoming webhooks.
import { checkBlocks, invalidBlocksBody } from './blocks.js';

export const TEXT_TRUNCATE_AT = 40_000;
export const MAX_ATTACHMENTS = 100;

export type ContentResult =
  | { ok: true; text: string; blocks?: unknown[]; attachments?: unknown[]; warnings: string[] }
  | { ok: false; body: Record<string, unknown> };

export interface ContentOptions {
  /** Fields whose JSON string did not parse. */
  badJson?: string[];
  /** Over 40k text: 'truncate' (chat.postMessage) or 'reject' (msg_too_long). */
  longText: 'truncate' | 'reject';
  /** Whether a message without text/blocks/attachments is allowed (e.g. delete_original). */
  allowEmpty?: boolean;
  maxBlocksTextTotal?: number;
}

const fail = (error: string, extra: Record<string, unknown> = {}): ContentResult => ({
  ok: false,
  body: { ok: false, error, ...extra },
});

export function checkContent(fields: Record<string, unknown>, opts: ContentOptions): ContentResult {
  const bad = opts.badJson ?? [];
  if (bad.includes('blocks')) return fail('invalid_blocks_format');
  if (bad.includes('attachments')) return fail('invalid_attachments');
  const { blocks, attachments } = fields;
  if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
  if (attachments !== undefined && !Array.isArray(attachments)) return fail('invalid_attachments');
  let text = fields.text === undefined || fields.text === null ? '' : String(fields.text);
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!opts.allowEmpty && text.trim() === '' && !hasBlocks && !hasAttachments) return fail('no_text');
  if (Array.isArray(attachments) && attachments.length > MAX_ATTACHMENTS) return fail('too_many_attachments');
  if (Array.isArray(blocks)) {
    const check = checkBlocks(blocks);
    if (check.errors.length > 0) return { ok: false, body: invalidBlocksBody(check.errors) };
    if (opts.maxBlocksTextTotal !== undefined && check.textTotal > opts.maxBlocksTextTotal) {
      return fail('msg_blocks_too_long');
    }
  }
  const warnings: string[] = [];
  if (text.length > TEXT_TRUNCATE_AT) {
    if (opts.longText === 'reject') return fail('msg_too_long');
    text = text.slice(0, TEXT_TRUNCATE_AT);
    warnings.push('message_truncated');
  }
  return {
    ok: true,
    text,
    blocks: Array.isArray(blocks) ? blocks : undefined,
    attachments: Array.isArray(attachments) ? attachments : undefined,
    warnings,
  };
}

/** Adds Slack's warning fields to a success body. */
export function withWarnings(body: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  if (warnings.length === 0) return body;
  return { ...body, warning: warnings.join(','), response_metadata: { warnings } };
}
