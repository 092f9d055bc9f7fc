import { neverFires, reachOf } from '../src/domain/alert-reach.js';
import { CHART_NAMES, type ChartName } from '../src/domain/charts.js';
import { EVENT_TYPES, type EventType } from '../src/domain/events.js';
import { DeliveryError } from '../src/delivery/notifier.js';
import { DEFAULT_ALERT_TYPES } from '../src/store/settings-store.js';
import { UserError, type CommandContext, type Invocation } from './command.js';
import { placeName, requireManager, requirePosting } from './guards.js';
import type { Reply } from './reply.js';

const words = (s: string | undefined) => (s ?? '').toLowerCase().replace(/-/g, '_').split(/[\s,]+/).filter(Boolean);

/**
 * Typed text splits `setup new_leader, streak daily` as types `new_leader,` and charts `streak daily`.
 * Type and chart names never overlap, so each name goes to the list it belongs to.
 */
function sortNames(types: string | undefined, charts: string | undefined): { types?: string; charts?: string } {
  const out = { types: [] as string[], charts: [] as string[] };
  const given = [...words(types).map((w) => ['types', w] as const), ...words(charts).map((w) => ['charts', w] as const)];
  for (const [list, w] of given) {
    out[CHART_NAMES.includes(w as never) ? 'charts' : EVENT_TYPES.includes(w as never) ? 'types' : list].push(w);
  }
  return { ...(out.types.length ? { types: out.types.join(',') } : {}), ...(out.charts.length ? { charts: out.charts.join(',') } : {}) };
}

/** `new_leader, streak` → the known names in canonical order; `all` means every one. */
function parseList<T extends string>(input: string | undefined, valid: readonly T[], fallback: readonly T[], what: string): T[] {
  if (input === undefined) return [...fallback];
  const given = words(input);
  if (given.includes('all')) return [...valid];
  const unknown = given.filter((g) => !valid.includes(g as T));
  if (unknown.length || given.length === 0) {
    throw new UserError('bad_option', `Unknown ${what}: ${unknown.join(', ') || '(none given)'}. Choose from ${valid.join(', ')} (comma-separated), or all.`);
  }
  return valid.filter((v) => given.includes(v));
}

/** What a channel asks for: the typed `types` and `charts` options (absent: the defaults). */
export function parseSetupLists(typesText: string | undefined, chartsText: string | undefined): { types: EventType[]; charts: ChartName[]; chosen: Chosen } {
  const lists = sortNames(typesText, chartsText);
  return {
    types: parseList(lists.types, EVENT_TYPES, DEFAULT_ALERT_TYPES, 'alert types'),
    charts: parseList(lists.charts, CHART_NAMES, CHART_NAMES, 'charts'),
    chosen: { types: lists.types !== undefined, charts: lists.charts !== undefined },
  };
}

/** Which lists the person chose (the others are defaults, which are never worth a note). */
export interface Chosen {
  readonly types: boolean;
  readonly charts: boolean;
}

/** A setup that passed every check, with what the person should know about it. */
export interface CheckedSetup {
  readonly types: readonly EventType[];
  readonly charts: readonly ChartName[];
  /** Things that work but not fully (a chosen chart none of the chosen types comes from). */
  readonly notes: readonly string[];
}

/**
 * Everything /alerts setup checks before it changes anything, for any way of asking (typed
 * options, Slack's modal): a channel, not a DM; a channel manager; a bot that can post here
 * (Discord's app_permissions, Slack's conversations.info); a combination that can fire.
 * Throws a UserError that names what to fix.
 */
export async function checkSetup(invocation: Invocation, types: readonly EventType[], charts: readonly ChartName[], chosen: Chosen = { types: true, charts: true }): Promise<CheckedSetup> {
  if (invocation.inDm) throw new UserError('bad_option', 'Alerts are set up per channel: run /alerts setup in the channel that should get them.');
  requireManager(invocation, 'set up alerts here');
  requirePosting(invocation, 'post alerts in channels');
  const never = neverFires(types, charts);
  if (never) throw new UserError('bad_option', `Nothing would ever be posted: ${never}. Choose charts those types come from, or add types, then run /alerts setup again.`);
  const notes: string[] = [];
  const reach = reachOf(types, charts);
  if (chosen.charts && reach.idleCharts.length) notes.push(`none of these types comes from ${reach.idleCharts.join(', ')}`);
  if (chosen.types && reach.idleTypes.length) notes.push(`${reach.idleTypes.join(', ')} never ${reach.idleTypes.length > 1 ? 'come' : 'comes'} from these charts`);
  const posting = await invocation.checkPosting?.();
  if (posting && !posting.ok) throw new UserError('forbidden', posting.problem);
  if (posting?.note) notes.push(posting.note);
  return { types, charts, notes };
}

const listed = (types: readonly string[], charts: readonly string[]) => `${types.join(', ')} on the ${charts.join(', ')} chart${charts.length > 1 ? 's' : ''}`;

/**
 * Posts the confirmation everyone in the channel sees, then stores the setting: a bot that cannot
 * post there changes nothing and says why. The console's answer is already what everyone sees.
 */
export async function applySetup(ctx: CommandContext, checked: CheckedSetup): Promise<Reply> {
  const { invocation, services } = ctx;
  const dest = invocation.channel;
  const place = placeName(invocation, dest);
  const had = await services.settings.alertsFor(dest);
  const what = listed(checked.types, checked.charts);
  const shared = dest.kind !== 'console';
  if (shared) {
    const who = invocation.userName ?? 'a channel manager';
    const text = `Alerts ${had ? 'changed' : 'set up'} here by ${who}: ${what}. Channel managers can change them with /alerts setup or stop them with /alerts off; anyone can see them with /alerts show.`;
    try {
      await services.announce(dest, text);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      throw new UserError('unavailable', `I couldn't post in ${place}: ${error.message}. Nothing was changed: fix that, then run /alerts setup again.`);
    }
  }
  await services.settings.setAlerts({ dest, types: [...checked.types], charts: [...checked.charts], by: invocation.user, at: services.clock().toISOString() });
  await services.settings.enable(dest);
  const notes = checked.notes.length ? ` Note: ${checked.notes.join('; ')}.` : '';
  const posted = shared ? ` Posted a confirmation in ${place}.` : '';
  return { text: `Alerts ${had ? 'updated' : 'on'} for ${place}: ${what}.${notes}${posted} Check delivery with /alerts test.` };
}

/** `/alerts setup [types] [charts]`. */
export async function setupAlerts(ctx: CommandContext, typesText: string | undefined, chartsText: string | undefined): Promise<Reply> {
  const { types, charts, chosen } = parseSetupLists(typesText, chartsText);
  return applySetup(ctx, await checkSetup(ctx.invocation, types, charts, chosen));
}
