// HTTP plumbing for the fake Discord: replies, API errors and request-body parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, RecordedFile } from './types.js';

export interface Reply {
  status: number;
  /** undefined → no body and no Content-Type; `Buffer` → raw bytes. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const noContent = (): Reply => ({ status: 204 });
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** An error Discord-style: `{code, message[, errors]}`. */
export function apiError(status: number, code: number, message: string, errors?: Json): Reply {
  return { status, body: errors ? { code, message, errors } : { code, message } };
}

export const ERR = {
  unauthorized: () => apiError(401, 0, '401: Unauthorized'),
  notFound: () => apiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => apiError(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => apiError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => apiError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => apiError(404, 10015, 'Unknown Webhook'),
  unknownCommand: () => apiError(404, 10063, 'Unknown application command'),
  unknownInteraction: () => apiError(404, 10062, 'Unknown interaction'),
  alreadyAcked: () => apiError(400, 40060, 'Interaction has already been acknowledged.'),
  invalidWebhookToken: () => apiError(401, 50027, 'Invalid Webhook Token'),
  missingAccess: () => apiError(403, 50001, 'Missing Access'),
  missingPermissions: () => apiError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => apiError(400, 50006, 'Cannot send an empty message'),
  invalidJson: () => apiError(400, 50109, 'The request body contains invalid JSON.'),
  invalidForm: (errors: Json) => apiError(400, 50035, 'Invalid Form Body', errors),
};

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.status !== 204 && reply.body !== undefined && reply.body !== null) {
    if (Buffer.isBuffer(reply.body)) {
      payload = reply.body;
      headers['Content-Type'] ??= 'application/octet-stream';
    } else {
      payload = Buffer.from(JSON.stringify(reply.body));
      headers['Content-Type'] = 'application/json';
    }
  }
  // A 204 (or an empty body) must not claim JSON: @discordjs/rest would JSON-parse "" and throw.
  if (payload) headers['Content-Length'] = String(payload.length);
  else delete headers['Content-Type'];
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
  /** Set when the body is unacceptable (bad JSON, bad content type). */
  error?: Reply;
}

/** JSON, multipart (`payload_json` + `files[n]`) or urlencoded bodies, like Discord accepts. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return parseJson(raw.toString('utf8'), []);
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Request('http://fake.invalid/', {
        method: 'POST',
        headers: { 'content-type': contentType! },
        body: raw,
      }).formData();
    } catch {
      return { body: undefined, files: [], error: ERR.invalidForm({ _errors: [formErr('Invalid multipart body')] }) };
    }
    const files: RecordedFile[] = [];
    let json: string | undefined;
    const loose: Json = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = value;
        else loose[field] = value;
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type || 'application/octet-stream',
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    if (json !== undefined) return parseJson(json, files);
    return { body: Object.keys(loose).length ? loose : undefined, files };
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  return {
    body: undefined,
    files: [],
    error: ERR.invalidForm({ _errors: [{ code: 'CONTENT_TYPE_INVALID', message: `Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.` }] }),
  };
}

function parseJson(text: string, files: RecordedFile[]): ParsedBody {
  try {
    return { body: JSON.parse(text), files };
  } catch {
    return { body: undefined, files, error: ERR.invalidJson() };
  }
}

const formErr = (message: string) => ({ code: 'BASE_TYPE_BAD_REQUEST', message });

export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
