import { createHash } from 'node:crypto';

/**
 * The id of a "Follow this model" button. Discord caps a custom_id at 100 characters, so
 * `follow:<permaslug>` serves slugs up to 93 characters and a longer one gets a short stable
 * id, `follow-id:<22 characters of its SHA-256>`, resolved against the charted models on click.
 * (Not `follow#…`: Slack buttons use `#n` to tell repeats apart.) Slack's action_id and value
 * take the same ids.
 */
export const FOLLOW = 'follow:';
export const FOLLOW_BY_HASH = 'follow-id:';
/** Discord's custom_id limit. */
export const BUTTON_ID_MAX = 100;

export const slugHash = (slug: string): string => createHash('sha256').update(slug).digest('base64url').slice(0, 22);

export function followButtonId(slug: string): string {
  const plain = `${FOLLOW}${slug}`;
  return plain.length <= BUTTON_ID_MAX ? plain : `${FOLLOW_BY_HASH}${slugHash(slug)}`;
}

/** The permaslug a follow button names, among `models`; undefined when it is not a follow button. */
export function followedSlug(id: string, models: readonly string[]): string | null | undefined {
  if (id.startsWith(FOLLOW)) return id.slice(FOLLOW.length);
  if (!id.startsWith(FOLLOW_BY_HASH)) return undefined;
  const hash = id.slice(FOLLOW_BY_HASH.length);
  return models.find((m) => slugHash(m) === hash) ?? null;
}
