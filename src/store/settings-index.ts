import { z } from 'zod';
import { CHART_NAMES } from '../domain/charts.js';
import { EVENT_TYPES } from '../domain/events.js';
import { destinationKey, destinationSchema, personSchema, type Destination, type Person } from '../delivery/destination.js';
import { channelPrefsSchema, type ChannelPrefs } from './channel-prefs.js';
import { parseStored } from './keyv-history-store.js';

export const alertSettingSchema = z.object({
  dest: destinationSchema,
  types: z.array(z.enum(EVENT_TYPES)).min(1),
  charts: z.array(z.enum(CHART_NAMES)).min(1),
  by: personSchema,
  at: z.string(),
});
export type AlertSetting = z.infer<typeof alertSettingSchema>;

/**
 * Conditions on a subscription (/subscribe <model> [events] [top]): only these event types, and
 * only while the subject ranks in the top N of the event's chart. Absent: every event.
 */
export const subscriptionWhenSchema = z.object({ events: z.array(z.enum(EVENT_TYPES)).min(1).optional(), top: z.number().int().min(1).optional() });
export type SubscriptionWhen = z.infer<typeof subscriptionWhenSchema>;

/** `when` is optional: entries written before conditions existed read as "every event". */
export const subscriptionSchema = z.object({ model: z.string(), dest: destinationSchema, by: personSchema, at: z.string(), when: subscriptionWhenSchema.optional() });
/** A subscription as stored (with when it was made). */
export type StoredSubscription = z.infer<typeof subscriptionSchema>;
/** A subscription as read back: who follows which model, and where it is delivered. */
export type Subscription = Omit<StoredSubscription, 'at'>;

/** A destination whose default alerts (the console's) were turned off with /alerts off. */
export const alertsOffSchema = z.object({ dest: destinationSchema, by: personSchema, at: z.string() });
export type AlertsOff = z.infer<typeof alertsOffSchema>;

export const disabledSchema = z.object({ dest: destinationSchema, reason: z.string(), at: z.string(), by: personSchema.optional() });
export type DisabledDestination = z.infer<typeof disabledSchema>;

/**
 * The in-memory form, kept small for 1,000,000 subscriptions: the model string is shared, so is
 * the destination object among one destination's subscriptions, `at` stays in the store, and
 * `by` is left out when it is the DM's own owner (the usual case).
 */
interface LeanSubscription {
  readonly model: string;
  readonly dest: Destination;
  readonly by?: Person;
  /** Only when the subscription has conditions (most have none). */
  readonly when?: SubscriptionWhen;
}

/** The store key of a subscription (after `sub:`); a destination key never holds a `|`. */
export function subKey(model: string, dest: Destination): string {
  return `${destinationKey(dest)}|${model}`;
}

/**
 * Every setting in memory, indexed by destination (what /subscriptions and a disable read) and by
 * model (what fan-out reads). Fed one stored entry at a time by `apply` (from a key-range scan,
 * from a local write, or from `refreshKeys`); `undefined` removes the entry.
 */
export class SettingsIndex {
  readonly alerts = new Map<string, AlertSetting>();
  readonly disabled = new Map<string, DisabledDestination>();
  /** Destinations whose default alerts were turned off (`alerts-off:<dest>`), by destination key. */
  readonly alertsOff = new Map<string, AlertsOff>();
  /** Per-destination preferences (digest, quiet hours, mentions, threads), by destination key. */
  readonly prefs = new Map<string, ChannelPrefs>();
  /** One subscription bare, several in an exact-length array (rebuilt on change: a destination follows a few models). */
  private readonly byDest = new Map<string, LeanSubscription | readonly LeanSubscription[]>();
  private readonly byModel = new Map<string, Set<LeanSubscription>>();
  private count = 0;
  private lastDestKey = '';

  /** `models` interns model strings (shared across rebuilt indexes). */
  constructor(private readonly models: Map<string, string>) {}

  get subscriptionCount(): number {
    return this.count;
  }

  /** Puts one stored entry (`key` without namespace) or its absence into the indexes. */
  apply(key: string, value: unknown): void {
    if (key.startsWith('sub:')) {
      const bar = key.indexOf('|');
      if (value === undefined) this.removeSub(key.slice(4, bar), key.slice(bar + 1));
      else {
        const sub = parseStored(subscriptionSchema, value, key);
        this.addSub(sub, this.destKeyOf(key.slice(4, bar), sub.dest));
      }
    } else if (key.startsWith('alerts:')) {
      if (value === undefined) this.alerts.delete(key.slice(7));
      else this.alerts.set(key.slice(7), parseStored(alertSettingSchema, value, key));
    } else if (key.startsWith('prefs:')) {
      if (value === undefined) this.prefs.delete(key.slice(6));
      else this.prefs.set(key.slice(6), parseStored(channelPrefsSchema, value, key));
    } else if (key.startsWith('alerts-off:')) {
      if (value === undefined) this.alertsOff.delete(key.slice(11));
      else this.alertsOff.set(key.slice(11), parseStored(alertsOffSchema, value, key));
    } else if (key.startsWith('disabled:')) {
      if (value === undefined) this.disabled.delete(key.slice(9));
      else this.disabled.set(key.slice(9), parseStored(disabledSchema, value, key));
    }
  }

  /**
   * The destination key of a `sub:` key as a string of its own (a slice would keep the whole row
   * key alive as the index's key), made once per destination: a scan reads a destination's
   * subscriptions one after the other. The key written is the truth, should the value disagree.
   */
  private destKeyOf(sliced: string, dest: Destination): string {
    if (sliced === this.lastDestKey) return this.lastDestKey;
    const made = destinationKey(dest);
    return (this.lastDestKey = made === sliced ? made : Buffer.from(sliced).toString());
  }

  /** Adds (or replaces) a subscription; returns false when that destination already followed the model. */
  addSub(s: Subscription, destKey = destinationKey(s.dest)): boolean {
    let model = this.models.get(s.model);
    if (model === undefined) this.models.set(s.model, (model = s.model));
    const list = this.listAt(destKey);
    const dest = list.length > 0 ? list[0].dest : s.dest;
    const when = s.when && (s.when.events || s.when.top !== undefined) ? { when: s.when } : {};
    const lean: LeanSubscription = ownsDm(s.by, dest) ? { model, dest, ...when } : { model, dest, by: s.by, ...when };
    let set = this.byModel.get(model);
    if (!set) this.byModel.set(model, (set = new Set()));
    set.add(lean);
    const at = list.findIndex((l) => l.model === model);
    if (at >= 0) set.delete(list[at]);
    this.setList(destKey, at >= 0 ? list.map((l, i) => (i === at ? lean : l)) : [...list, lean]);
    if (at < 0) this.count++;
    return at < 0;
  }

  /** Returns false when there was no such subscription. */
  removeSub(destKey: string, model: string): boolean {
    const list = this.listAt(destKey);
    const at = list.findIndex((l) => l.model === model);
    if (at < 0) return false;
    const set = this.byModel.get(model);
    set?.delete(list[at]);
    if (set?.size === 0) this.byModel.delete(model);
    this.setList(destKey, list.filter((_, i) => i !== at));
    this.count--;
    return true;
  }

  /** The subscriptions delivered to one destination, in model order. */
  subscriptionsAt(destKey: string): Subscription[] {
    return this.listAt(destKey).map(full).sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  }

  private listAt(destKey: string): readonly LeanSubscription[] {
    const at = this.byDest.get(destKey);
    return at === undefined ? [] : Array.isArray(at) ? at : [at as LeanSubscription];
  }

  /** Most destinations follow one model: that one is kept bare, not in an array (a pushed-to array reserves 17 slots). */
  private setList(destKey: string, list: readonly LeanSubscription[]): void {
    if (list.length === 0) this.byDest.delete(destKey);
    else this.byDest.set(destKey, list.length === 1 ? list[0] : list);
  }

  subscribersOf(model: string): Subscription[] {
    const set = this.byModel.get(model);
    return set ? Array.from(set, full) : [];
  }
}

/** True when `dest` is the DM of `by` (then `by` need not be kept). */
function ownsDm(by: Person, dest: Destination): boolean {
  if (dest.kind === 'discord-dm') return by.platform === 'discord' && by.userId === dest.userId;
  if (dest.kind === 'slack-dm') return by.platform === 'slack' && by.userId === dest.userId && (by.teamId ?? '') === dest.teamId;
  return false;
}

function full(s: LeanSubscription): Subscription {
  return { model: s.model, dest: s.dest, by: s.by ?? ownerOfDm(s.dest), ...(s.when ? { when: s.when } : {}) };
}

/** The person a DM destination belongs to. */
function ownerOfDm(dest: Destination): Person {
  if (dest.kind === 'discord-dm') return { platform: 'discord', userId: dest.userId };
  if (dest.kind === 'slack-dm') return { platform: 'slack', userId: dest.userId, teamId: dest.teamId };
  return { platform: 'console', userId: 'you' };
}
