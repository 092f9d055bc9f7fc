// Interactions: dispatch over the gateway, the 3-second callback deadline, follow-up tokens.
import { ERR, noContent, ok, type Reply } from './http.js';
import { ErrorTree, validateMessage } from './validate.js';
import { randomToken, snowflake, type FakeMessage, type Json, type RecordedFile } from './types.js';
import type { FakeState } from './state.js';
import type { FakeGateway } from './gateway.js';

export interface InteractionCallback {
  type: number;
  data?: Json;
}

export interface InteractionResult {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload that was dispatched. */
  payload: Json;
  callback: InteractionCallback;
  /** Files uploaded with the callback (multipart). */
  files: RecordedFile[];
  /** The interaction's original response message (@original), current state. */
  original(): FakeMessage | undefined;
  /** Follow-up messages (POST /webhooks/:app/:token), in order. */
  followUps(): FakeMessage[];
}

export interface InteractionRecord {
  id: string;
  token: string;
  payload: Json;
  createdAt: number;
  acked: boolean;
  callback?: InteractionCallback;
  original?: FakeMessage;
  followUps: FakeMessage[];
  lastError?: Reply;
  settle?: { resolve: (r: InteractionResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
}

/** Callback types each interaction type may use (interactions/receiving-and-responding.mdx). */
const ALLOWED: Record<number, number[]> = { 2: [4, 5, 9, 12], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
const EPHEMERAL = 64;
const LOADING = 128;

export class InteractionRegistry {
  private byId = new Map<string, InteractionRecord>();

  constructor(
    private readonly state: FakeState,
    private readonly gateway: FakeGateway,
    private readonly deadlineMs: number,
    private readonly ttlMs: number,
  ) {}

  dispatch(partial: Json, opts: { shard?: number } = {}): Promise<InteractionResult> {
    const payload: Json = {
      version: 1, application_id: this.state.applicationId, locale: 'en-US', entitlements: [],
      ...partial, id: partial.id ?? snowflake(), token: partial.token ?? `aW50ZXJhY3Rpb246${randomToken(140)}`,
    };
    const rec: InteractionRecord = { id: payload.id, token: payload.token, payload, createdAt: Date.now(), acked: false, followUps: [] };
    this.byId.set(rec.id, rec);
    return new Promise<InteractionResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        rec.settle = undefined;
        const last = rec.lastError ? ` (last rejected callback: ${JSON.stringify(rec.lastError.body)})` : '';
        reject(new Error(`fake discord: interaction ${rec.id} got no callback within ${this.deadlineMs} ms${last}`));
      }, this.deadlineMs);
      rec.settle = { resolve, reject, timer };
      if (this.gateway.dispatch('INTERACTION_CREATE', payload, opts) === 0) {
        clearTimeout(timer);
        rec.settle = undefined;
        reject(new Error(`fake discord: no identified gateway session${opts.shard !== undefined ? ` of shard ${opts.shard}` : ''} to deliver INTERACTION_CREATE to`));
      }
    });
  }

  /** POST /interactions/:id/:token/callback */
  callback(id: string, token: string, body: unknown, files: RecordedFile[], query: Record<string, string>): Reply {
    const rec = this.byId.get(id);
    if (!rec || rec.token !== token || Date.now() - rec.createdAt > this.deadlineMs) return ERR.unknownInteraction();
    if (rec.acked) return ERR.alreadyAcked();
    const problem = this.check(rec, body, files);
    if (problem) {
      rec.lastError = problem;
      return problem;
    }
    const cb = body as InteractionCallback;
    rec.acked = true;
    rec.callback = { type: cb.type, ...(cb.data !== undefined ? { data: cb.data } : {}) };
    this.applyCallback(rec, cb, files);
    if (rec.settle) {
      const { timer, resolve } = rec.settle;
      clearTimeout(timer);
      rec.settle = undefined;
      // Settle after the HTTP answer to the callback has been written.
      setImmediate(() => resolve(this.result(rec, files)));
    }
    if (query.with_response !== 'true') return noContent();
    const msg = rec.original;
    return ok({
      interaction: {
        id: rec.id, type: rec.payload.type, activity_instance_id: null,
        response_message_id: msg?.id ?? null,
        response_message_loading: msg ? (msg.flags & LOADING) !== 0 : null,
        response_message_ephemeral: msg ? (msg.flags & EPHEMERAL) !== 0 : null,
      },
      resource: { type: cb.type, ...(msg && (cb.type === 4 || cb.type === 7) ? { message: msg } : {}) },
    });
  }

  /** The interaction behind `/webhooks/:app/:token`, if its token is acknowledged and not expired. */
  forToken(appId: string, token: string): InteractionRecord | undefined {
    if (appId !== this.state.applicationId) return undefined;
    for (const rec of this.byId.values()) {
      if (rec.token === token) return rec.acked && Date.now() - rec.createdAt < this.ttlMs ? rec : undefined;
    }
    return undefined;
  }

  /** Create a follow-up (or the original message of an interaction acknowledged with type 6). */
  postMessage(rec: InteractionRecord, body: Json, files: RecordedFile[]): FakeMessage {
    const msg = this.makeMessage(rec, body, files);
    rec.followUps.push(msg);
    return msg;
  }

  close(): void {
    for (const rec of this.byId.values()) if (rec.settle) clearTimeout(rec.settle.timer);
  }

  private check(rec: InteractionRecord, body: unknown, files: RecordedFile[]): Reply | undefined {
    const e = new ErrorTree();
    if (typeof body !== 'object' || body === null || !Number.isInteger((body as Json).type)) {
      e.add(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return e.reply();
    }
    const cb = body as Json;
    const allowed = ALLOWED[rec.payload.type] ?? [4, 5];
    if (!allowed.includes(cb.type)) {
      e.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${cb.type} is not valid for interaction type ${rec.payload.type}; expected one of (${allowed.join(', ')}).`);
      return e.reply();
    }
    const data = cb.data;
    if (cb.type === 4) return validateMessage(data, files, 'callback');
    if (cb.type === 7) return validateMessage(data, files, 'edit');
    if ((cb.type === 5 || cb.type === 6) && data?.flags !== undefined && (Number(data.flags) & ~EPHEMERAL) !== 0) {
      e.add(['data', 'flags'], 'INTERACTION_RESPONSE_FLAGS_INVALID', 'Only the EPHEMERAL flag is allowed.');
    }
    if (cb.type === 8) {
      const choices = data?.choices;
      if (!Array.isArray(choices)) e.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else {
        if (choices.length > 25) e.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        choices.forEach((c: Json, i: number) => {
          if (e.required(['data', 'choices', i, 'name'], c?.name)) e.maxLen(['data', 'choices', i, 'name'], c.name, 100);
          if (e.required(['data', 'choices', i, 'value'], c?.value)) e.maxLen(['data', 'choices', i, 'value'], c.value, 100);
        });
      }
    }
    if (cb.type === 9) {
      for (const key of ['custom_id', 'title', 'components']) e.required(['data', key], data?.[key]);
      e.maxLen(['data', 'title'], data?.title, 45);
    }
    return e.reply();
  }

  private applyCallback(rec: InteractionRecord, cb: InteractionCallback, files: RecordedFile[]): void {
    const data = cb.data ?? {};
    if (cb.type === 4) rec.original = this.makeMessage(rec, data, files);
    else if (cb.type === 5) rec.original = this.makeMessage(rec, { content: '', flags: (Number(data.flags ?? 0) & EPHEMERAL) | LOADING }, []);
    else if (cb.type === 6 || cb.type === 7) {
      const src = rec.payload.message as Json | undefined;
      const stored = src ? this.state.findMessage(String(src.channel_id ?? rec.payload.channel_id), String(src.id)) : undefined;
      rec.original = stored ?? (src ? ({ ...src } as FakeMessage) : undefined);
      if (cb.type === 7 && rec.original) this.state.editMessage(rec.original, data, files);
    }
  }

  private makeMessage(rec: InteractionRecord, body: Json, files: RecordedFile[]): FakeMessage {
    const p = rec.payload;
    const invoker = p.member?.user ?? p.user;
    return this.state.createMessage(String(p.channel_id), body, files, {
      webhook_id: this.state.applicationId,
      application_id: this.state.applicationId,
      type: p.type === 2 && p.data?.type === 1 ? 20 : 0,
      hidden: (Number(body.flags ?? 0) & EPHEMERAL) !== 0,
      interaction_metadata: { id: rec.id, type: p.type, user: invoker, authorizing_integration_owners: p.authorizing_integration_owners ?? {}, ...(p.data?.name ? { name: p.data.name } : {}) },
    });
  }

  private result(rec: InteractionRecord, files: RecordedFile[]): InteractionResult {
    return {
      id: rec.id, token: rec.token, payload: rec.payload, callback: rec.callback!, files,
      original: () => rec.original,
      followUps: () => [...rec.followUps],
    };
  }
}
