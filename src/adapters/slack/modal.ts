import type { types } from '@slack/bolt';
import { CHART_LABELS, CHART_NAMES } from '../../domain/charts.js';
import { EVENT_TYPES } from '../../domain/events.js';
import { plain, truncate } from './mrkdwn.js';
import type { SlackOrigin } from './invocation.js';

/** The view_submission that saves `/rankwatch alerts setup`'s form. */
export const SETUP_CALLBACK = 'rankwatch.alerts_setup';

/** Slack: a checkboxes element holds at most 10 options; longer lists take several blocks. */
export const CHECKBOX_OPTIONS = 10;

/** What the form started from: the channel's setting, or the defaults of a first setup. */
export interface SetupChecked {
  readonly types: readonly string[];
  readonly charts: readonly string[];
}

type Lists = 'types' | 'charts';

const LABELS: Record<Lists, string> = { types: 'Alert types', charts: 'Charts' };

/** Checkbox blocks for one list, 10 options each, block ids `types_0`, `types_1`, …. */
function checkboxBlocks(list: Lists, names: readonly string[], checked: readonly string[], describe: (n: string) => string | undefined): types.InputBlock[] {
  const out: types.InputBlock[] = [];
  for (let i = 0; i < names.length; i += CHECKBOX_OPTIONS) {
    const options = names.slice(i, i + CHECKBOX_OPTIONS).map((n) => {
      const about = describe(n);
      return { text: plain(n, 75), value: n, ...(about ? { description: plain(about, 75) } : {}) };
    });
    const initial = options.filter((o) => checked.includes(o.value));
    out.push({
      type: 'input',
      block_id: `${list}_${i / CHECKBOX_OPTIONS}`,
      // Each block is optional on its own; "at least one" is checked on submission, across blocks.
      optional: true,
      label: plain(i === 0 ? LABELS[list] : `${LABELS[list]} (more)`, 2000),
      element: { type: 'checkboxes', action_id: list, options, ...(initial.length ? { initial_options: initial } : {}) },
    });
  }
  return out;
}

/**
 * The modal `/rankwatch alerts setup` opens: checkboxes for types and charts, checked as the
 * channel has them. The channel rides along in private_metadata (a modal has no channel).
 * `lists`: every type and chart there is (a parameter so a test can offer more than 10).
 */
export function setupModal(origin: SlackOrigin, checked: SetupChecked, lists: SetupChecked = { types: EVENT_TYPES, charts: CHART_NAMES }): types.ModalView {
  const place = origin.channelName && !['directmessage', 'privategroup'].includes(origin.channelName) ? `#${origin.channelName}` : 'this channel';
  return {
    type: 'modal',
    callback_id: SETUP_CALLBACK,
    private_metadata: JSON.stringify(origin),
    title: plain('Alerts setup', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`What ${place} receives. Saving is the same as \`/alerts setup types:… charts:…\`.`, 3000) } },
      ...checkboxBlocks('types', lists.types, checked.types, () => undefined),
      ...checkboxBlocks('charts', lists.charts, checked.charts, (c) => (c in CHART_LABELS ? `${CHART_LABELS[c as keyof typeof CHART_LABELS]} chart` : undefined)),
    ],
  };
}

/** The state Slack sends with view_submission: `values[block_id][action_id]`. */
type ViewState = Record<string, Record<string, { selected_options?: { value: string }[] | null }>>;

export type SetupSubmission =
  | { readonly ok: true; readonly origin: SlackOrigin; readonly options: { subcommand: 'setup'; types: string; charts: string } }
  | { readonly ok: false; readonly errors: Record<string, string> };

/** Every checked value of one list, across its blocks. */
function checkedOf(values: ViewState, list: Lists): string[] {
  return Object.entries(values)
    .filter(([block]) => block.startsWith(`${list}_`))
    .flatMap(([, actions]) => actions[list]?.selected_options ?? [])
    .map((o) => o.value);
}

/** The channel the form was opened in, from its private_metadata; null if that is unreadable. */
function originOf(metadata: string | undefined): SlackOrigin | null {
  try {
    const o = JSON.parse(metadata ?? '') as Partial<SlackOrigin>;
    return typeof o.channelId === 'string' && typeof o.teamId === 'string' ? (o as SlackOrigin) : null;
  } catch {
    return null;
  }
}

/**
 * The submitted form as `/alerts setup` options (`types: new_leader,streak`), or the errors
 * Slack shows under the blocks (`response_action: 'errors'`) when a list is left empty.
 */
export function readSetupSubmission(view: { private_metadata?: string; state?: { values?: ViewState } }): SetupSubmission {
  const origin = originOf(view.private_metadata);
  if (!origin) return { ok: false, errors: { types_0: 'This form lost its channel: run /rankwatch alerts setup again.' } };
  const values = view.state?.values ?? {};
  const types = checkedOf(values, 'types');
  const charts = checkedOf(values, 'charts');
  const errors: Record<string, string> = {};
  if (types.length === 0) errors.types_0 = 'Pick at least one alert type.';
  if (charts.length === 0) errors.charts_0 = 'Pick at least one chart.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, origin, options: { subcommand: 'setup', types: types.join(','), charts: charts.join(',') } };
}

/** What the modal shows once saved (or refused): the command's own answer, then Done. */
export function resultModal(text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${SETUP_CALLBACK}.done`,
    title: plain('Alerts setup', 24),
    close: plain('Done', 24),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text || 'Done.', 3000) } }],
  };
}
