// Hand-written Discord payload rules (always on). Limits from the Discord docs (spec §1.7).
//
// Schema validation against /work/shared/vendor/discord-openapi.json (spec §3) is deliberately skipped:
// `ajv` is not installed in this project (node_modules/ajv/dist/2020.js is absent).
import { ERR, type Reply } from './http.js';
import type { Json, RecordedFile } from './types.js';

export type Path = Array<string | number>;

/** Collects errors into Discord's `{field: {0: {sub: {_errors: [...]}}}}` tree. */
export class ErrorTree {
  tree: Json = {};
  count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code, message });
    this.count++;
  }

  maxLen(path: Path, value: unknown, max: number): void {
    if (typeof value === 'string' && [...value].length > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  required(path: Path, value: unknown): boolean {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return false;
    }
    return true;
  }

  reply(): Reply | undefined {
    return this.count ? ERR.invalidForm(this.tree) : undefined;
  }
}

const len = (s: unknown) => (typeof s === 'string' ? [...s.trim()].length : 0);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type MessageKind = 'create' | 'edit' | 'webhook' | 'followup' | 'callback';

/**
 * Validate a message body (channel message, webhook execute, follow-up, callback data, or an edit).
 * Returns an error reply, or undefined when the payload is acceptable.
 */
export function validateMessage(body: unknown, files: RecordedFile[], kind: MessageKind): Reply | undefined {
  if (!isObj(body)) {
    if (body === undefined && files.length) body = {};
    else if (body === undefined && kind === 'edit') return undefined;
    else if (body === undefined) return ERR.emptyMessage();
    else return ERR.invalidForm({ _errors: [{ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }] });
  }
  const b = body as Json;
  const e = new ErrorTree();
  if (b.content !== undefined && b.content !== null && typeof b.content !== 'string') {
    e.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  e.maxLen(['content'], b.content, 2000);
  validateEmbeds(b.embeds, e);
  validateAllowedMentions(b.allowed_mentions, e);
  if (b.components !== undefined && b.components !== null) {
    if (!Array.isArray(b.components)) e.add(['components'], 'BASE_TYPE_LIST', 'Must be a list.');
  }
  if (b.nonce !== undefined && b.nonce !== null) {
    if (typeof b.nonce === 'string') e.maxLen(['nonce'], b.nonce, 25);
    else if (!Number.isInteger(b.nonce)) e.add(['nonce'], 'NONCE_TYPE_INVALID', 'Nonce must be an integer or a string.');
  }
  if (kind === 'webhook') {
    if (b.username !== undefined) {
      if (len(b.username) < 1) e.add(['username'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
      e.maxLen(['username'], b.username, 80);
      if (/clyde|discord/i.test(String(b.username))) {
        e.add(['username'], 'USERNAME_INVALID_CONTAINS', 'Username cannot contain "clyde" or "discord"');
      }
    }
    e.maxLen(['avatar_url'], b.avatar_url, 2048);
  }
  validateAttachmentLinks(b, files, e);
  const err = e.reply();
  if (err) return err;
  if (files.some((f) => f.data.length > ATTACHMENT_SIZE_LIMIT)) return { status: 413, body: { code: 40005, message: 'Request entity too large' } };
  if (kind !== 'edit' && isEmpty(b, files)) return ERR.emptyMessage();
  return undefined;
}

/** Discord's upload limit for an unboosted guild (`attachment_size_limit`). */
export const ATTACHMENT_SIZE_LIMIT = 10_485_760;

/** An embed image `attachment://name` must name a file sent with this message (Discord shows nothing otherwise). */
function validateAttachmentLinks(b: Json, files: RecordedFile[], e: ErrorTree): void {
  if (!Array.isArray(b.embeds)) return;
  const declared = Array.isArray(b.attachments) ? b.attachments.map((a: Json) => String(a.filename)) : [];
  const names = new Set([...files.map((f) => f.filename), ...declared]);
  b.embeds.forEach((embed: Json, i: number) => {
    for (const key of ['image', 'thumbnail']) {
      const url = isObj(embed?.[key]) ? String(embed[key].url ?? '') : '';
      if (url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length))) {
        e.add(['embeds', String(i), key, 'url'], 'ATTACHMENT_NOT_FOUND', `No attachment named ${url.slice(13)} was sent with this message.`);
      }
    }
  });
}

function isEmpty(b: Json, files: RecordedFile[]): boolean {
  const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;
  return !(
    len(b.content) > 0 ||
    nonEmptyList(b.embeds) ||
    nonEmptyList(b.components) ||
    nonEmptyList(b.sticker_ids) ||
    isObj(b.poll) ||
    files.length > 0
  );
}

function validateEmbeds(embeds: unknown, e: ErrorTree): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    e.add(['embeds'], 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  if (embeds.length > 10) e.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((em: unknown, i) => {
    if (!isObj(em)) {
      e.add(['embeds', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    const p = (...rest: Path): Path => ['embeds', i, ...rest];
    e.maxLen(p('title'), em.title, 256);
    e.maxLen(p('description'), em.description, 4096);
    e.maxLen(p('url'), em.url, 2048);
    total += len(em.title) + len(em.description);
    if (em.color !== undefined && em.color !== null) {
      if (!Number.isInteger(em.color) || em.color < 0 || em.color > 0xffffff) {
        e.add(p('color'), 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
    }
    if (isObj(em.footer)) {
      if (e.required(p('footer', 'text'), em.footer.text)) e.maxLen(p('footer', 'text'), em.footer.text, 2048);
      e.maxLen(p('footer', 'icon_url'), em.footer.icon_url, 2048);
      total += len(em.footer.text);
    }
    if (isObj(em.author)) {
      if (e.required(p('author', 'name'), em.author.name)) e.maxLen(p('author', 'name'), em.author.name, 256);
      e.maxLen(p('author', 'url'), em.author.url, 2048);
      e.maxLen(p('author', 'icon_url'), em.author.icon_url, 2048);
      total += len(em.author.name);
    }
    for (const key of ['image', 'thumbnail'] as const) {
      if (isObj(em[key])) e.maxLen(p(key, 'url'), em[key].url, 2048);
    }
    if (em.fields !== undefined && em.fields !== null) {
      if (!Array.isArray(em.fields)) e.add(p('fields'), 'BASE_TYPE_LIST', 'Must be a list.');
      else {
        if (em.fields.length > 25) e.add(p('fields'), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        em.fields.forEach((f: Json, j: number) => {
          if (e.required(p('fields', j, 'name'), f?.name)) e.maxLen(p('fields', j, 'name'), f.name, 256);
          if (e.required(p('fields', j, 'value'), f?.value)) e.maxLen(p('fields', j, 'value'), f.value, 1024);
          total += len(f?.name) + len(f?.value);
        });
      }
    }
  });
  if (total > 6000) e.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function validateAllowedMentions(am: unknown, e: ErrorTree): void {
  if (am === undefined || am === null) return;
  if (!isObj(am)) {
    e.add(['allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const parse: unknown[] = Array.isArray(am.parse) ? am.parse : [];
  parse.forEach((v, i) => {
    if (v !== 'users' && v !== 'roles' && v !== 'everyone') {
      e.add(['allowed_mentions', 'parse', i], 'BASE_TYPE_CHOICES', "Value must be one of ('everyone', 'roles', 'users').");
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = am[kind];
    if (ids === undefined || ids === null) continue;
    if (!Array.isArray(ids)) {
      e.add(['allowed_mentions', kind], 'BASE_TYPE_LIST', 'Must be a list.');
      continue;
    }
    if (ids.length > 100) e.add(['allowed_mentions', kind], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    if (parse.includes(kind) && ids.length > 0) {
      e.add(
        ['allowed_mentions'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}
