// A small JSON Schema (draft-07) validator for the keywords Slack's manifest schema uses: type,
// properties, required, additionalProperties, patternProperties, min/maxLength, pattern, items,
// min/maxItems, uniqueItems, min/maxProperties, enum, const, anyOf/oneOf/allOf/not and local $ref.
// No JSON-schema library is installed; unknown keywords (title, description, default, format,
// Slack's own `regex`/`requires`) are annotations here, as draft-07 treats unknown keywords.

type Schema = Record<string, unknown> | boolean;
type Json = unknown;

const typeOf = (v: Json): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const matchesType = (v: Json, t: string) => typeOf(v) === t || (t === 'number' && typeOf(v) === 'integer');

/** Every place `value` breaks `schema`, as `json-pointer: message`; empty when it is valid. */
export function validateJsonSchema(root: Record<string, unknown>, value: Json): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported, got ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  };
  const check = (schema: Schema, v: Json, at: string, out: string[]): void => {
    if (schema === true) return;
    if (schema === false) return void out.push(`${at}: not allowed`);
    const s = schema;
    if (typeof s.$ref === 'string') check(resolve(s.$ref), v, at, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(v, t))) return void out.push(`${at}: want ${types.join('|')}, got ${typeOf(v)}`);
    }
    if (s.enum !== undefined && !(s.enum as Json[]).some((e) => JSON.stringify(e) === JSON.stringify(v))) out.push(`${at}: not one of ${JSON.stringify(s.enum)}`);
    if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) out.push(`${at}: want ${JSON.stringify(s.const)}`);
    if (typeof v === 'string') strings(s, v, at, out);
    if (Array.isArray(v)) arrays(s, v, at, out);
    if (typeOf(v) === 'object') objects(s, v as Record<string, Json>, at, out);
    for (const sub of (s.allOf as Schema[] | undefined) ?? []) check(sub, v, at, out);
    const passes = (sub: Schema) => {
      const tmp: string[] = [];
      check(sub, v, at, tmp);
      return tmp.length === 0;
    };
    if (s.anyOf && !(s.anyOf as Schema[]).some(passes)) out.push(`${at}: matches none of anyOf`);
    if (s.oneOf && (s.oneOf as Schema[]).filter(passes).length !== 1) out.push(`${at}: must match exactly one of oneOf`);
    if (s.not !== undefined && passes(s.not as Schema)) out.push(`${at}: must not match "not"`);
  };
  const strings = (s: Record<string, unknown>, v: string, at: string, out: string[]) => {
    const length = [...v].length;
    if (typeof s.minLength === 'number' && length < s.minLength) out.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${at}: does not match ${s.pattern}`);
  };
  const arrays = (s: Record<string, unknown>, v: Json[], at: string, out: string[]) => {
    if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`);
    if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) out.push(`${at}: items not unique`);
    if (s.items !== undefined && !Array.isArray(s.items)) v.forEach((x, i) => check(s.items as Schema, x, `${at}/${i}`, out));
  };
  const objects = (s: Record<string, unknown>, v: Record<string, Json>, at: string, out: string[]) => {
    const keys = Object.keys(v);
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in v)) out.push(`${at}: missing required ${r}`);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) out.push(`${at}: fewer than ${s.minProperties} properties`);
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) out.push(`${at}: more than ${s.maxProperties} properties`);
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    const patterns = Object.entries((s.patternProperties as Record<string, Schema> | undefined) ?? {});
    for (const k of keys) {
      let known = k in props;
      if (known) check(props[k], v[k], `${at}/${k}`, out);
      for (const [p, sub] of patterns) {
        if (new RegExp(p, 'u').test(k)) (known = true), check(sub, v[k], `${at}/${k}`, out);
      }
      if (!known && s.additionalProperties !== undefined) check(s.additionalProperties as Schema, v[k], `${at}/${k}`, out);
    }
  };
  check(root, value, '', errors);
  return errors;
}
