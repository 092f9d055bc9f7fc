import type { ChannelPrefs } from '../src/store/channel-prefs.js';
import { describeDigest } from './alerts-digest.js';
import { describeQuiet } from './alerts-quiet.js';

/** What /alerts show adds for a channel's digest and quiet hours. */
export function prefsFields(prefs: ChannelPrefs | undefined): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  if (prefs?.digest) out.push({ label: 'Digest', value: describeDigest(prefs.digest) });
  if (prefs?.quiet) out.push({ label: 'Quiet hours', value: `${describeQuiet(prefs.quiet)}: alerts held, then one catch-up` });
  return out;
}
