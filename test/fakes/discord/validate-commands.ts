// Application-command rules (bulk overwrite and single create), per application-commands.mdx.
import { apiError, type Reply } from './http.js';
import { ErrorTree, type Path } from './validate.js';
import type { Json } from './types.js';

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const CHOICE_TYPES = new Set([3, 4, 10]);
const MAX_PER_TYPE: Record<number, number> = { 1: 100, 2: 15, 3: 15 };

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const chars = (v: unknown) => (v === undefined || v === null ? 0 : [...String(v)].length);

function checkName(e: ErrorTree, path: Path, name: unknown, chatInput: boolean): void {
  if (!e.required(path, name)) return;
  if (typeof name !== 'string') return e.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
  if (chatInput) {
    if (!NAME_RE.test(name) || name !== name.toLowerCase()) {
      e.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
    }
  } else if (chars(name) < 1 || chars(name) > 32) {
    e.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  }
}

function checkDescription(e: ErrorTree, path: Path, d: unknown): void {
  if (!e.required(path, d)) return;
  if (typeof d !== 'string' || chars(d) > 100) e.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

/** Validates options at one level; returns the character count they contribute. */
function checkOptions(e: ErrorTree, path: Path, options: unknown, parentType: number | undefined): number {
  if (options === undefined || options === null) return 0;
  if (!Array.isArray(options)) {
    e.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
    return 0;
  }
  if (options.length > 25) e.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let size = 0;
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((o: unknown, i) => {
    const p = [...path, i];
    if (!isObj(o)) return e.add(p, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    const type = Number(o.type);
    if (!Number.isInteger(type) || type < 1 || type > 11) e.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1..11).');
    if (parentType === SUB_COMMAND_GROUP && type !== SUB_COMMAND) {
      e.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command groups may only contain sub-commands');
    }
    if (parentType === SUB_COMMAND && (type === SUB_COMMAND || type === SUB_COMMAND_GROUP)) {
      e.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-commands cannot contain sub-commands');
    }
    checkName(e, [...p, 'name'], o.name, true);
    checkDescription(e, [...p, 'description'], o.description);
    if (typeof o.name === 'string') {
      if (names.has(o.name)) e.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Command option names must be unique');
      names.add(o.name);
    }
    size += chars(o.name) + chars(o.description);
    if (type !== SUB_COMMAND && type !== SUB_COMMAND_GROUP) {
      if (o.required) {
        if (seenOptional) {
          e.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
        }
      } else seenOptional = true;
    }
    if (o.choices !== undefined && o.choices !== null) {
      if (!Array.isArray(o.choices)) e.add([...p, 'choices'], 'BASE_TYPE_LIST', 'Must be a list.');
      else {
        if (!CHOICE_TYPES.has(type) && o.choices.length) e.add([...p, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Choices are only allowed for string, integer and number options');
        if (o.choices.length > 25) e.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        o.choices.forEach((c: Json, j: number) => {
          const cp = [...p, 'choices', j];
          if (e.required([...cp, 'name'], c?.name) && chars(c.name) > 100) e.add([...cp, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
          if (e.required([...cp, 'value'], c?.value) && typeof c.value === 'string') e.maxLen([...cp, 'value'], c.value, 100);
          size += chars(c?.name) + chars(c?.value);
        });
        if (o.autocomplete && o.choices.length) {
          e.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE_EXCLUSIVE', 'Autocomplete cannot be set on options with choices');
        }
      }
    }
    if (o.autocomplete && !CHOICE_TYPES.has(type)) {
      e.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID', 'Autocomplete is only allowed for string, integer and number options');
    }
    if (o.min_length !== undefined && (o.min_length < 0 || o.min_length > 6000)) e.add([...p, 'min_length'], 'NUMBER_TYPE_MAX', 'Must be between 0 and 6000.');
    if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000)) e.add([...p, 'max_length'], 'NUMBER_TYPE_MAX', 'Must be between 1 and 6000.');
    if (type === SUB_COMMAND || type === SUB_COMMAND_GROUP) size += checkOptions(e, [...p, 'options'], o.options, type);
    else if (o.options !== undefined && o.options !== null && (o.options as unknown[]).length) {
      e.add([...p, 'options'], 'APPLICATION_COMMAND_OPTION_OPTIONS_INVALID', 'Only sub-commands and groups can have options');
    }
  });
  return size;
}

/** Validate one command at `path` (e.g. `[3]` for the 4th element of a bulk PUT). */
export function checkCommand(e: ErrorTree, path: Path, cmd: unknown): void {
  if (!isObj(cmd)) return e.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const type = cmd.type === undefined ? 1 : Number(cmd.type);
  if (![1, 2, 3, 4].includes(type)) e.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
  checkName(e, [...path, 'name'], cmd.name, type === 1);
  if (type === 1) checkDescription(e, [...path, 'description'], cmd.description);
  else if (cmd.description) e.add([...path, 'description'], 'APPLICATION_COMMAND_DESCRIPTION_INVALID', 'Only chat input commands have a description');
  let size = chars(cmd.name) + chars(cmd.description);
  if (type === 1) size += checkOptions(e, [...path, 'options'], cmd.options, undefined);
  else if (Array.isArray(cmd.options) && cmd.options.length) e.add([...path, 'options'], 'APPLICATION_COMMAND_OPTIONS_INVALID', 'Only chat input commands have options');
  if (cmd.default_member_permissions !== undefined && cmd.default_member_permissions !== null && !/^\d+$/.test(String(cmd.default_member_permissions))) {
    e.add([...path, 'default_member_permissions'], 'BASE_TYPE_BAD_INT', 'Value is not a valid permission bitfield.');
  }
  if (size > 8000) e.add(path, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (8000)');
}

/** Validate a bulk-overwrite body (an array of commands). */
export function validateCommandList(body: unknown): Reply | undefined {
  const e = new ErrorTree();
  if (!Array.isArray(body)) {
    e.add([], 'BASE_TYPE_LIST', 'Must be a list.');
    return e.reply();
  }
  const seen = new Set<string>();
  const perType: Record<number, number> = {};
  body.forEach((cmd: unknown, i) => {
    checkCommand(e, [i], cmd);
    if (!isObj(cmd)) return;
    const type = cmd.type === undefined ? 1 : Number(cmd.type);
    perType[type] = (perType[type] ?? 0) + 1;
    const key = `${type}:${String(cmd.name)}`;
    if (seen.has(key)) e.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
  const err = e.reply();
  if (err) return err;
  for (const [type, n] of Object.entries(perType)) {
    const max = MAX_PER_TYPE[Number(type)];
    if (max !== undefined && n > max) return apiError(400, 30032, `Maximum number of application commands reached (${max})`);
  }
  return undefined;
}

export function validateCommand(body: unknown): Reply | undefined {
  const e = new ErrorTree();
  checkCommand(e, [], body);
  return e.reply();
}
