import type Keyv from 'keyv';
import { EVENT_TYPES } from '../domain/events.js';
import { destinationKey, type Destination } from '../delivery/destination.js';
import type { Audience } from '../delivery/fan-out.js';
import type { ChannelPrefs, PrefsPatch } from './channel-prefs.js';
import { Mutex } from './mutex.js';
import { scanPrefix } from './scan-keys.js';
import { SettingsIndex, subKey, type AlertSetting, type DisabledDestination, type StoredSubscription, type Subscription } from './settings-index.js';

export type { AlertSetting, DisabledDestination, StoredSubscription, Subscription } from './settings-index.js';

/** Every type but personal_best and rank_change: what a channel set up for alerts gets by default. */
export const DEFAULT_ALERT_TYPES = EVENT_TYPES.filter((t) => t !== 'personal_best' && t !== 'rank_change');

/** Told the store keys (without namespace) a local write changed: `alerts:<dest>`, `alerts-off:<dest>`, `sub:<dest>|<model>`, `disabled:<dest>`, `prefs:<dest>`. */
export type SettingsChangeListener = (keys: string[]) => void;

/** Keys re-read per round trip by refreshKeys. */
const REFRESH_CHUNK = 500;

/** The prefixes of every key this store owns. */
const PREFIXES = ['alerts:', 'alerts-off:', 'sub:', 'disabled:', 'prefs:'] as const;

/**
 * Channel alert settings, model subscriptions and disabled destinations, one keyv key each, so
 * concurrent writes never overwrite one another. An in-memory index (by destination and by model)
 * answers fan-out and listing. `reload()` rebuilds it from the store by key range, linear in the
 * number of settings; `refreshKeys()` re-reads only keys another instance reports written.
 */
export class SettingsStore {
  private readonly models = new Map<string, string>();
  private index = new SettingsIndex(this.models);
  /** The index a reload is filling, which local writes also go to (so none is lost by the swap). */
  private building: SettingsIndex | null = null;
  private readonly listeners: SettingsChangeListener[] = [];
  private readonly refreshListeners: (() => void)[] = [];
  private loaded: Promise<void> | null = null;
  private readonly lock = new Mutex();
  private defaults: () => readonly AlertSetting[] = () => [];

  constructor(private readonly kv: Keyv) {}

  /**
   * Alerts some destinations get without a setup (the console's terminal, configured webhooks).
   * A default holds until that destination is set up (the stored setting replaces it) or turned
   * off (`alerts-off:<dest>` remembers that, so the default stays off after a restart).
   */
  useDefaultAlerts(defaults: () => readonly AlertSetting[]): void {
    this.defaults = defaults;
  }

  /** The default alerts of `dest`, whether or not a setup or an off replaced them. */
  defaultAlertsFor(dest: Destination): AlertSetting | undefined {
    const key = destinationKey(dest);
    return this.defaults().find((a) => destinationKey(a.dest) === key);
  }

  /** A default applies while its destination has neither a stored setting nor an off. */
  private defaultApplies(index: SettingsIndex, a: AlertSetting): boolean {
    const key = destinationKey(a.dest);
    return !index.alerts.has(key) && !index.alertsOff.has(key);
  }

  /** Reads every setting from the store (on start, and before planning a fan-out). */
  reload(): Promise<void> {
    this.loaded = this.lock.run(() => this.readAll());
    return this.loaded;
  }

  /**
   * Calls `listener` after each write made through this store, once the store holds it, with the
   * store keys written or deleted. A listener must not throw (the writer would see its error).
   * Returns a function that removes the listener.
   */
  onChange(listener: SettingsChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /**
   * Calls `listener` after a reload or a refreshKeys (what another instance wrote is in memory
   * now): the digest and quiet-hours schedules re-read the prefs then. Must not throw.
   */
  onRefresh(listener: () => void): () => void {
    this.refreshListeners.push(listener);
    return () => {
      const at = this.refreshListeners.indexOf(listener);
      if (at >= 0) this.refreshListeners.splice(at, 1);
    };
  }

  /**
   * Re-reads exactly these store keys (written by another instance), one round trip per 500, and
   * updates every index: a key gone from the store is removed. Keys this store does not own are
   * ignored. onChange listeners are not called (what another instance wrote is not echoed back).
   */
  async refreshKeys(keys: readonly string[]): Promise<void> {
    await this.ready();
    const wanted = [...new Set(keys)].filter((k) => PREFIXES.some((p) => k.startsWith(p)));
    if (wanted.length === 0) return;
    await this.lock.run(async () => {
      // In chunks: @keyv/sqlite's getMany matches every row against every key asked for.
      for (let i = 0; i < wanted.length; i += REFRESH_CHUNK) {
        const chunk = wanted.slice(i, i + REFRESH_CHUNK);
        const values = await this.kv.getMany(chunk);
        chunk.forEach((key, j) => this.index.apply(key, values[j]));
      }
    });
    for (const listener of this.refreshListeners) listener();
  }

  private ready(): Promise<void> {
    return this.loaded ?? this.reload();
  }

  private async readAll(): Promise<void> {
    const next = (this.building = new SettingsIndex(this.models));
    try {
      for (const prefix of PREFIXES) {
        for await (const page of scanPrefix(this.kv, prefix)) for (const { key, value } of page) next.apply(key, value);
      }
      this.index = next;
    } finally {
      this.building = null;
    }
    for (const listener of this.refreshListeners) listener();
  }

  /** After a store write: the same change in memory (current and in-progress index), then the listeners. */
  private wrote(key: string, value: unknown): void {
    this.index.apply(key, value);
    this.building?.apply(key, value);
    for (const listener of this.listeners) listener([key]);
  }

  private async put(key: string, value: unknown): Promise<void> {
    await this.kv.set(key, value);
    this.wrote(key, value);
  }

  private async remove(key: string): Promise<void> {
    await this.kv.delete(key);
    this.wrote(key, undefined);
  }

  /** Stores a channel's setting; it replaces the destination's default alerts, and an earlier off. */
  async setAlerts(setting: AlertSetting): Promise<void> {
    await this.ready();
    const key = destinationKey(setting.dest);
    await this.put(`alerts:${key}`, setting);
    if (this.index.alertsOff.has(key)) await this.remove(`alerts-off:${key}`);
  }

  /**
   * Stops a destination's alerts: its stored setting goes, and a destination with default alerts
   * (the console) remembers the off, `by` whom. Returns false when it got no alerts anyway.
   */
  async clearAlerts(dest: Destination, off?: { readonly by: AlertSetting['by']; readonly at: string }): Promise<boolean> {
    await this.ready();
    const key = destinationKey(dest);
    const had = (await this.alertsFor(dest)) !== undefined;
    await this.remove(`alerts:${key}`);
    const fallback = this.defaultAlertsFor(dest);
    if (fallback && !this.index.alertsOff.has(key)) await this.put(`alerts-off:${key}`, { dest, by: off?.by ?? fallback.by, at: off?.at ?? fallback.at });
    return had;
  }

  /** What `dest` gets: its stored setting, else its default unless turned off. */
  async alertsFor(dest: Destination): Promise<AlertSetting | undefined> {
    await this.ready();
    const stored = this.index.alerts.get(destinationKey(dest));
    if (stored) return stored;
    const fallback = this.defaultAlertsFor(dest);
    return fallback && this.defaultApplies(this.index, fallback) ? fallback : undefined;
  }

  async allAlerts(): Promise<AlertSetting[]> {
    await this.ready();
    return [...this.index.alerts.values()];
  }

  /** Returns false when that destination already followed the model. */
  async subscribe(sub: StoredSubscription): Promise<boolean> {
    await this.ready();
    const isNew = !this.index.subscriptionsAt(destinationKey(sub.dest)).some((s) => s.model === sub.model);
    await this.put(`sub:${subKey(sub.model, sub.dest)}`, sub);
    return isNew;
  }

  /** Returns false when there was no such subscription. */
  async unsubscribe(model: string, dest: Destination): Promise<boolean> {
    await this.ready();
    const had = this.index.subscriptionsAt(destinationKey(dest)).some((s) => s.model === model);
    await this.remove(`sub:${subKey(model, dest)}`);
    return had;
  }

  /** Subscriptions whose destination is one of `dests` (a person's DM and the channel they are in), from the index by destination. */
  async subscriptionsOf(dests: readonly Destination[]): Promise<Subscription[]> {
    await this.ready();
    const keys = [...new Set(dests.map(destinationKey))];
    const subs = keys.flatMap((k) => this.index.subscriptionsAt(k));
    return keys.length > 1 ? subs.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0)) : subs;
  }

  async subscribersOf(model: string): Promise<Subscription[]> {
    await this.ready();
    return this.index.subscribersOf(model);
  }

  /**
   * A consistent, synchronous view for fan-out planning, with channels that need no setup
   * (webhooks, the console): each of those only while no setup or off replaced it.
   */
  async audience(extraAlerts: readonly AlertSetting[] = []): Promise<Audience> {
    await this.ready();
    const index = this.index;
    return {
      alerts: [...extraAlerts.filter((a) => this.defaultApplies(index, a)), ...index.alerts.values()],
      subscribersOf: (model) => index.subscribersOf(model),
      disabled: new Set(index.disabled.keys()),
      prefs: (destKey) => index.prefs.get(destKey),
    };
  }

  /** A destination's preferences (digest, quiet hours, mentions, threads), if it has any. */
  async prefsFor(dest: Destination): Promise<ChannelPrefs | undefined> {
    await this.ready();
    return this.index.prefs.get(destinationKey(dest));
  }

  /** Every destination's preferences (the digest and quiet-hours schedulers read these). */
  async allPrefs(): Promise<ChannelPrefs[]> {
    await this.ready();
    return [...this.index.prefs.values()];
  }

  /**
   * Changes some parts of a destination's preferences (null removes a part) and returns the
   * result; a destination left with no part loses its key. Read-modify-write under this store's
   * lock: two commands in one process never lose each other's part.
   */
  async updatePrefs(dest: Destination, patch: PrefsPatch, by: ChannelPrefs['by'], at: string): Promise<ChannelPrefs | undefined> {
    await this.ready();
    const key = destinationKey(dest);
    return this.lock.run(async () => {
      const next: Record<string, unknown> = { ...(this.index.prefs.get(key) ?? {}), dest, by, at };
      for (const [part, value] of Object.entries(patch)) {
        if (value === null) delete next[part];
        else if (value !== undefined) next[part] = value;
      }
      const parts = ['digest', 'quiet', 'mention', 'threads'].filter((p) => next[p] !== undefined);
      if (parts.length === 0) {
        if (this.index.prefs.has(key)) await this.remove(`prefs:${key}`);
        return undefined;
      }
      await this.put(`prefs:${key}`, next);
      return next as ChannelPrefs;
    });
  }

  async countSubscriptions(): Promise<number> {
    await this.ready();
    return this.index.subscriptionCount;
  }

  async disable(entry: DisabledDestination): Promise<void> {
    await this.ready();
    await this.put(`disabled:${destinationKey(entry.dest)}`, entry);
  }

  /** Setting a destination up again re-enables it. */
  async enable(dest: Destination): Promise<void> {
    await this.ready();
    const key = destinationKey(dest);
    if (this.index.disabled.has(key)) await this.remove(`disabled:${key}`);
  }

  async disabledEntry(dest: Destination): Promise<DisabledDestination | undefined> {
    await this.ready();
    return this.index.disabled.get(destinationKey(dest));
  }

  async allDisabled(): Promise<DisabledDestination[]> {
    await this.ready();
    return [...this.index.disabled.values()];
  }
}
