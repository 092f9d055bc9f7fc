import type Keyv from 'keyv';
import type { ChannelPrefs } from '../store/channel-prefs.js';
import type { SettingsStore } from '../store/settings-store.js';
import { ThreadStore } from '../store/thread-store.js';
import type { Destination } from './destination.js';

/**
 * What a notifier looks up about a destination when it sends: its preferences (whom to mention,
 * whether the day's alerts thread) and where the day's thread is. Handed to the notifiers, not to
 * the deliverers: the in-process Deliverer and the BullMQ processor both call the same notifiers,
 * so neither learns about mentions or threads, and both read the settings as they are at send time.
 */
export interface SendContext {
  prefs(dest: Destination): Promise<ChannelPrefs | undefined>;
  readonly threads: ThreadStore;
}

/** From the settings store (kept fresh across a fleet by the settings bus) and the settings namespace. */
export function sendContext(settings: Pick<SettingsStore, 'prefsFor'>, kv?: Keyv): SendContext {
  return { prefs: (dest) => settings.prefsFor(dest), threads: new ThreadStore(kv) };
}
