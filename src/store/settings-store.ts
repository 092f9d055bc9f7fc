import type Keyv from 'keyv';
import { z } from 'zod';
import { CHART_NAMES } from '../domain/charts.js';
import { EVENT_TYPES } from '../domain/events.js';
import { destinationKey, destinationSchema, dmOf, isPersonal, personSchema, type Destination, type Person } from '../delivery/destination.js';
import { parseStored } from './keyv-history-store.js';
import { Mutex } from './mutex.js';
import type { Audience } from '../delivery/fan-out.js';

/** Every type but personal_best and rank_change: what a channel set up for alerts gets by default. */
export const DEFAULT_ALERT_TYPES = EVENT_TYPES.filter((t) => t !== 'personal_best' && t !== 'rank_change');

const alertSettingSchema = z.object({
  dest: destinationSchema,
  types: z.array(z.enum(EVENT_TYPES)).min(1),
  charts: z.array(z.enum(CHART_NAMES)).min(1),
  by: personSchema,
  at: z.string(),
});
export type AlertSetting = z.infer<typeof alertSettingSchema>;

const subscriptionSchema = z.object({ model: z.string(), dest: destinationSchema, by: personSchema, at: z.string() });
/** A subscription as stored (with when it was made). */
export type StoredSubscription = z.infer<typeof subscriptionSchema>;
/** A subscription as read back: who follows which model, and where it is delivered. */
export type Subscription = Omit<StoredSubscription, 'at'>;

/**
 * The in-memory form, kept small for 100,000+ subscriptions: the model string is shared, `at`
 * stays in the store, and `by` is left out when it is the DM's own owner (the usual case).
 */
interface LeanSubscription {
  readonly model: string;
  readonly dest: Destination;
  readonly by?: Person;
}

const disabledSchema = z.object({ dest: destinationSchema, reason: z.string(), at: z.string(), by: personSchema.optional() });
export type DisabledDestination = z.infer<typeof disabledSchema>;

/**
 * Channel alert settings, model subscriptions and disabled destinations, one keyv key each, so
 * concurrent writes never overwrite one another. An in-memory index answers fan-out and listing;
 * `reload()` rebuilds it from the store (another instance may have written).
 */
export class SettingsStore {
  private alerts = new Map<string, AlertSetting>();
  private subs = new Map<string, LeanSubscription>();
  private readonly models = new Map<string, string>();
  private disabled = new Map<string, DisabledDestination>();
  private byModel = new Map<string, Set<string>>();
  private loaded: Promise<void> | null = null;
  private readonly lock = new Mutex();

  constructor(private readonly kv: Keyv) {}

  /** Reads every setting from the store (on start, and before planning a fan-out). */
  reload(): Promise<void> {
    this.loaded = this.lock.run(() => this.readAll());
    return this.loaded;
  }

  private ready(): Promise<void> {
    return this.loaded ?? this.reload();
  }

  private async readAll(): Promise<void> {
    const alerts = new Map<string, AlertSetting>();
    const subs = new Map<string, LeanSubscription>();
    const disabled = new Map<string, DisabledDestination>();
    for await (const [rawKey, value] of this.kv.iterator!(this.kv.namespace)) {
      const key = String(rawKey);
      if (key.startsWith('alerts:')) alerts.set(key.slice(7), parseStored(alertSettingSchema, value, key));
      else if (key.startsWith('sub:')) subs.set(key.slice(4), this.lean(parseStored(subscriptionSchema, value, key)));
      else if (key.startsWith('disabled:')) disabled.set(key.slice(9), parseStored(disabledSchema, value, key));
    }
    this.alerts = alerts;
    this.subs = subs;
    this.disabled = disabled;
    this.byModel = new Map();
    for (const [key, s] of subs) this.indexSub(key, s);
  }

  private lean(s: Subscription): LeanSubscription {
    let model = this.models.get(s.model);
    if (model === undefined) this.models.set(s.model, (model = s.model));
    return isPersonal(s.dest) && destinationKey(dmOf(s.by)) === destinationKey(s.dest) ? { model, dest: s.dest } : { model, dest: s.dest, by: s.by };
  }

  private full(s: LeanSubscription): Subscription {
    return { model: s.model, dest: s.dest, by: s.by ?? ownerOfDm(s.dest) };
  }

  private indexSub(key: string, s: LeanSubscription): void {
    let set = this.byModel.get(s.model);
    if (!set) this.byModel.set(s.model, (set = new Set()));
    set.add(key);
  }

  async setAlerts(setting: AlertSetting): Promise<void> {
    await this.ready();
    const key = destinationKey(setting.dest);
    await this.kv.set(`alerts:${key}`, setting);
    this.alerts.set(key, setting);
  }

  /** Returns false when the channel had no alerts set up. */
  async clearAlerts(dest: Destination): Promise<boolean> {
    await this.ready();
    const key = destinationKey(dest);
    const had = this.alerts.delete(key);
    await this.kv.delete(`alerts:${key}`);
    return had;
  }

  async alertsFor(dest: Destination): Promise<AlertSetting | undefined> {
    await this.ready();
    return this.alerts.get(destinationKey(dest));
  }

  async allAlerts(): Promise<AlertSetting[]> {
    await this.ready();
    return [...this.alerts.values()];
  }

  /** Returns false when that destination already followed the model. */
  async subscribe(sub: StoredSubscription): Promise<boolean> {
    await this.ready();
    const key = subKey(sub.model, sub.dest);
    const isNew = !this.subs.has(key);
    await this.kv.set(`sub:${key}`, sub);
    const lean = this.lean(sub);
    this.subs.set(key, lean);
    this.indexSub(key, lean);
    return isNew;
  }

  /** Returns false when there was no such subscription. */
  async unsubscribe(model: string, dest: Destination): Promise<boolean> {
    await this.ready();
    const key = subKey(model, dest);
    const had = this.subs.delete(key);
    this.byModel.get(model)?.delete(key);
    await this.kv.delete(`sub:${key}`);
    return had;
  }

  /** Subscriptions whose destination is one of `dests` (a person's DM and the channel they are in). */
  async subscriptionsOf(dests: readonly Destination[]): Promise<Subscription[]> {
    await this.ready();
    const keys = new Set(dests.map(destinationKey));
    return [...this.subs.values()].filter((s) => keys.has(destinationKey(s.dest))).map((s) => this.full(s)).sort((a, b) => (a.model < b.model ? -1 : 1));
  }

  async subscribersOf(model: string): Promise<Subscription[]> {
    await this.ready();
    return [...(this.byModel.get(model) ?? [])].map((k) => this.subs.get(k)).filter((s) => s !== undefined).map((s) => this.full(s));
  }

  /** A consistent, synchronous view for fan-out planning, with channels that need no setup (webhooks). */
  async audience(extraAlerts: readonly AlertSetting[] = []): Promise<Audience> {
    await this.ready();
    const empty: Subscription[] = [];
    return {
      alerts: [...extraAlerts, ...this.alerts.values()],
      subscribersOf: (model) => {
        const keys = this.byModel.get(model);
        return keys ? [...keys].map((k) => this.subs.get(k)).filter((s) => s !== undefined).map((s) => this.full(s)) : empty;
      },
      disabled: new Set(this.disabled.keys()),
    };
  }

  async countSubscriptions(): Promise<number> {
    await this.ready();
    return this.subs.size;
  }

  async disable(entry: DisabledDestination): Promise<void> {
    await this.ready();
    const key = destinationKey(entry.dest);
    await this.kv.set(`disabled:${key}`, entry);
    this.disabled.set(key, entry);
  }

  /** Setting a destination up again re-enables it. */
  async enable(dest: Destination): Promise<void> {
    await this.ready();
    const key = destinationKey(dest);
    if (this.disabled.delete(key)) await this.kv.delete(`disabled:${key}`);
  }

  async disabledEntry(dest: Destination): Promise<DisabledDestination | undefined> {
    await this.ready();
    return this.disabled.get(destinationKey(dest));
  }

  async allDisabled(): Promise<DisabledDestination[]> {
    await this.ready();
    return [...this.disabled.values()];
  }
}

/** The person a DM destination belongs to. */
function ownerOfDm(dest: Destination): Person {
  if (dest.kind === 'discord-dm') return { platform: 'discord', userId: dest.userId };
  if (dest.kind === 'slack-dm') return { platform: 'slack', userId: dest.userId, teamId: dest.teamId };
  return { platform: 'console', userId: 'you' };
}

function subKey(model: string, dest: Destination): string {
  return `${destinationKey(dest)}|${model}`;
}
