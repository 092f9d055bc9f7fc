import { createHash } from 'node:crypto';
import type { AlertMessage } from './alert-message.js';

/**
 * The id of a message carrying several events: the headline's id, `+`, and a short hash of the
 * others' ids, so the same story to the same destinations always gets the same outbox key,
 * BullMQ job id and Discord nonce. One event: its own id (as before stories existed).
 */
export function storyId(ids: readonly string[]): string {
  if (ids.length === 1) return ids[0];
  const rest = createHash('sha256').update(ids.slice(1).join('\n')).digest('base64url').slice(0, 10);
  return `${ids[0]}+${rest}`;
}

/**
 * One message from the alerts of one story, most important first: the first is the headline
 * (its figures, picture, link and Follow button), the others' headlines become the lines under it.
 */
export function storyAlert(alerts: readonly AlertMessage[]): AlertMessage {
  const [head, ...rest] = alerts;
  if (rest.length === 0) return head;
  const ids = alerts.map((a) => a.eventId);
  return { ...head, eventId: storyId(ids), lines: rest.map((a) => a.headline), eventIds: ids };
}
