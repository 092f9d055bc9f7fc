import type { IncomingMessage } from 'node:http';

/**
 * The raw request body, or null past `max` bytes. Signatures are computed over the exact bytes,
 * so the body is read once, raw, before anything parses it.
 */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
