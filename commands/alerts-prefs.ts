import type { ChannelPrefs } from '../src/store/channel-prefs.js';
import { describeDigest } from './alerts-digest.js';
import { prefsFields as mentionFields } from './alerts-mention.js';
import { describeQuiet } from './alerts-quiet.js';

/** What /alerts show adds for a channel's digest, quiet hours, mentions and threads. */
export function prefsFields(prefs: ChannelPrefs | undefined): { label: string; value: string; inline?: boolean }[] {
  const out: { label: string; value: string; inline?: boolean }[] = [];
  if (prefs?.digest) out.push({ label: 'Digest', value: describeDigest(prefs.digest) });
  if (prefs?.quiet) out.push({ label: 'Quiet hours', value: `${describeQuiet(prefs.quiet)}: alerts held, then one catch-up` });
  return [...out, ...mentionFields(prefs)];
}
