// Small HTTP helpers for the fake Slack: body reading/parsing, answers, id minting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface ParsedBody {
  raw: string;
  fields: Record<string, unknown>;
  /** 'form' | 'json' | 'multipart' | 'empty' | 'invalid' */
  kind: 'form' | 'json' | 'multipart' | 'empty' | 'invalid';
  /** Fields whose JSON could not be parsed (e.g. `blocks`). */
  badJson: string[];
}

const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'unfurls'];

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(req: IncomingMessage, buf: Buffer): Promise<ParsedBody> {
  const raw = buf.toString('utf8');
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const badJson: string[] = [];
  if (raw.length === 0) return { raw, fields: {}, kind: 'empty', badJson };
  let fields: Record<string, unknown> = {};
  let kind: ParsedBody['kind'];
  if (type.startsWith('multipart/form-data')) {
    kind = 'multipart';
    const form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type']) },
      body: buf,
    }).formData();
    for (const [k, v] of form.entries()) {
      fields[k] = typeof v === 'string' ? v : { filename: (v as File).name, size: (v as File).size };
    }
  } else if (type.startsWith('application/json') || (!type.includes('urlencoded') && /^\s*[{[]/.test(raw))) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { raw, fields: {}, kind: 'invalid', badJson };
      }
      fields = parsed as Record<string, unknown>;
      kind = 'json';
    } catch {
      return { raw, fields: {}, kind: 'invalid', badJson };
    }
  } else {
    kind = 'form';
    fields = Object.fromEntries(new URLSearchParams(raw).entries());
  }
  for (const f of JSON_FIELDS) {
    const v = fields[f];
    if (typeof v !== 'string') continue;
    try {
      fields[f] = JSON.parse(v);
    } catch {
      badJson.push(f);
    }
  }
  return { raw, fields, kind, badJson };
}

export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-slack-req-id': randomBytes(16).toString('hex'),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-looking id: prefix + uppercase alphanumerics (e.g. D07ABC12345). */
export function mintId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
  return out;
}

export function mintSecret(length = 24): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

/** Monotonic `<sec>.<6 digits>` message timestamps. */
export class TsMinter {
  private lastMicros = 0;
  constructor(private readonly now: () => number) {}
  next(): string {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    const sec = Math.floor(micros / 1e6);
    return `${sec}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}
