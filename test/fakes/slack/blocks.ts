// Block Kit limit checks with Slack's error shape: 'message [json-pointer:/blocks/..]'.
// Limits: node-slack-sdk packages/types/src/block-kit/blocks.ts JSDoc, docs.slack.dev block reference.

export const MAX_BLOCKS = 50;

const KNOWN_BLOCKS = new Set([
  'section', 'header', 'divider', 'context', 'actions', 'image', 'markdown', 'rich_text',
  'input', 'file', 'video', 'call', 'table', 'context_actions',
]);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly errors: string[] = [];
  /** Sum of visible text characters (for the optional msg_blocks_too_long check). */
  textTotal = 0;

  err(message: string, pointer: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }

  maxLen(v: unknown, max: number, pointer: string): void {
    if (typeof v === 'string' && v.length > max) this.err(`must be less than ${max + 1} characters`, pointer);
  }

  /** A text object {type: plain_text|mrkdwn, text}. */
  text(v: unknown, p: string, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
    if (v === undefined) {
      if (opts.required) this.err('missing required field: text', p.slice(0, p.lastIndexOf('/')) || p);
      return;
    }
    if (!isObj(v)) return this.err('must provide an object', p);
    const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof v.type !== 'string' || !allowed.includes(v.type)) this.err('must be a valid enum value', `${p}/type`);
    if (typeof v.text !== 'string') return this.err('must provide a string', `${p}/text`);
    if (v.text.length < 1) this.err('must be more than 0 characters', `${p}/text`);
    this.maxLen(v.text, max, `${p}/text`);
    this.textTotal += v.text.length;
  }

  items(v: unknown, p: string, max: number, min = 0, required = false): unknown[] | undefined {
    if (v === undefined) {
      if (required) this.err(`missing required field: ${p.slice(p.lastIndexOf('/') + 1)}`, p.slice(0, p.lastIndexOf('/')));
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.err('must provide an array', p);
      return undefined;
    }
    if (v.length < min) this.err(`must provide at least ${min} item${min === 1 ? '' : 's'}`, p);
    if (v.length > max) this.err(`no more than ${max} items allowed`, p);
    return v;
  }

  /** Interactive element (button, select, overflow, datepicker, ...). */
  element(v: unknown, p: string): void {
    if (!isObj(v)) return this.err('must provide an object', p);
    if (typeof v.type !== 'string') this.err('missing required field: type', p);
    this.maxLen(v.action_id, 255, `${p}/action_id`);
    if (v.type === 'button') {
      this.text(v.text, `${p}/text`, 75, { plainOnly: true, required: true });
      this.maxLen(v.value, 2000, `${p}/value`);
      this.maxLen(v.url, 3000, `${p}/url`);
      if (v.style !== undefined && v.style !== 'primary' && v.style !== 'danger') {
        this.err('must be a valid enum value', `${p}/style`);
      }
    } else if (v.type === 'image') {
      this.maxLen(v.alt_text, 2000, `${p}/alt_text`);
    } else if (v.type === 'checkboxes' || v.type === 'radio_buttons') {
      // Checkboxes and radio buttons: 1-10 options (docs.slack.dev block-elements).
      const options = this.items(v.options, `${p}/options`, 10, 1, true);
      const values = new Set<unknown>();
      options?.forEach((o, j) => {
        const op = `${p}/options/${j}`;
        if (!isObj(o)) return this.err('must provide an object', op);
        this.text(o.text, `${op}/text`, 75, { required: true });
        this.maxLen(o.value, 150, `${op}/value`);
        if (o.description !== undefined) this.text(o.description, `${op}/description`, 75);
        values.add(o.value);
      });
      const initial = this.items(v.initial_options, `${p}/initial_options`, 10, 1);
      initial?.forEach((o, j) => {
        if (!isObj(o) || !values.has(o.value)) this.err('must match one of the options', `${p}/initial_options/${j}`);
      });
    }
  }

  block(b: unknown, i: number): void {
    const p = `/blocks/${i}`;
    if (!isObj(b)) return this.err('must provide an object', p);
    if (typeof b.type !== 'string') return this.err('missing required field: type', p);
    if (!KNOWN_BLOCKS.has(b.type)) return this.err('must be a valid enum value', `${p}/type`);
    this.maxLen(b.block_id, 255, `${p}/block_id`);
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) {
          this.err('must provide either text or fields', p);
        }
        this.text(b.text, `${p}/text`, 3000);
        const fields = this.items(b.fields, `${p}/fields`, 10, 1);
        fields?.forEach((f, j) => this.text(f, `${p}/fields/${j}`, 2000));
        if (b.accessory !== undefined) this.element(b.accessory, `${p}/accessory`);
        break;
      }
      case 'header':
        this.text(b.text, `${p}/text`, 150, { plainOnly: true, required: true });
        break;
      case 'context': {
        const els = this.items(b.elements, `${p}/elements`, 10, 1, true);
        els?.forEach((e, j) => {
          const ep = `${p}/elements/${j}`;
          if (isObj(e) && e.type === 'image') {
            this.maxLen(e.alt_text, 2000, `${ep}/alt_text`);
          } else this.text(e, ep, 3000);
        });
        break;
      }
      case 'actions': {
        const els = this.items(b.elements, `${p}/elements`, 25, 1, true);
        els?.forEach((e, j) => this.element(e, `${p}/elements/${j}`));
        break;
      }
      case 'image':
        if (typeof b.alt_text !== 'string') this.err('missing required field: alt_text', p);
        this.maxLen(b.alt_text, 2000, `${p}/alt_text`);
        this.maxLen(b.image_url, 3000, `${p}/image_url`);
        if (b.image_url === undefined && b.slack_file === undefined) {
          this.err('missing required field: image_url', p);
        }
        this.text(b.title, `${p}/title`, 2000, { plainOnly: true });
        break;
      case 'input':
        this.text(b.label, `${p}/label`, 2000, { plainOnly: true, required: true });
        if (b.element === undefined) this.err('missing required field: element', p);
        else this.element(b.element, `${p}/element`);
        this.text(b.hint, `${p}/hint`, 2000, { plainOnly: true });
        break;
      case 'markdown':
        if (typeof b.text !== 'string') this.err('missing required field: text', p);
        this.maxLen(b.text, 12000, `${p}/text`);
        if (typeof b.text === 'string') this.textTotal += b.text.length;
        break;
      default:
        break;
    }
  }
}

export interface BlocksCheck {
  errors: string[];
  textTotal: number;
}

/** Validates a parsed `blocks` value. `blocks` must already be an array. */
export function checkBlocks(blocks: unknown[], maxBlocks = MAX_BLOCKS): BlocksCheck {
  const c = new Checker();
  if (blocks.length > maxBlocks) c.err(`no more than ${maxBlocks} items allowed`, '/blocks');
  const seen = new Set<string>();
  blocks.forEach((b, i) => {
    c.block(b, i);
    if (isObj(b) && typeof b.block_id === 'string') {
      if (seen.has(b.block_id)) c.err(`duplicate block_id: ${b.block_id}`, `/blocks/${i}/block_id`);
      seen.add(b.block_id);
    }
  });
  return { errors: c.errors, textTotal: c.textTotal };
}

/** The Web API error body for failed block checks. */
export function invalidBlocksBody(errors: string[]): Record<string, unknown> {
  return {
    ok: false,
    error: 'invalid_blocks',
    errors,
    response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
  };
}
