import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Destination } from '../../delivery/destination.js';
import type { ThreadStore } from '../../store/thread-store.js';
import { restRequest } from './attachments.js';
import type { DiscordMessage } from './render.js';

type ChannelDestination = Extract<Destination, { kind: 'discord-channel' }>;
export type OutgoingMessage = DiscordMessage & { nonce?: string; enforce_nonce?: boolean };

/** 40058: "Cannot send messages in a forum channel" (a forum takes posts, i.e. threads, only). */
const FORUM_REFUSED = 40058;
/** The remembered thread cannot take the reply: deleted (10003), archived and locked (50083), locked (160005). */
const THREAD_UNUSABLE = new Set([10003, 50083, 160005]);

const codeOf = (error: unknown) => (error instanceof DiscordAPIError ? Number(error.code) : undefined);

/** A forum post's title: the UTC day its alerts are about. */
export function forumPostName(day: string): string {
  return `Alerts for ${day} (UTC)`;
}

/**
 * Posts to a guild channel, which may be a text channel, a thread (its id is a channel id too),
 * or a forum. A forum refuses plain messages (40058), so there each day gets one post: the day's
 * first alert starts it (POST /channels/{forum}/threads with the alert as the starter message),
 * and the day's later alerts are messages in that thread. Forums are learned from that refusal
 * (one failed request per forum per process, no extra lookup for every other channel); the thread
 * of each (destination, day) is remembered in the store. A remembered thread that was deleted or
 * locked is forgotten and the day starts a new post.
 *
 * A forum post has no nonce: a start retried after a lost answer can make a second post that
 * day (the documented in-flight duplicate); replies in it carry the nonce as every message does.
 */
export class ChannelPoster {
  private readonly forums = new Set<string>();

  constructor(
    private readonly rest: REST,
    private readonly threads: ThreadStore,
  ) {}

  async post(dest: ChannelDestination, day: string, body: OutgoingMessage): Promise<void> {
    const known = await this.threads.get(dest, day);
    if (known) {
      try {
        return await this.message(known, body);
      } catch (error) {
        if (!THREAD_UNUSABLE.has(codeOf(error) ?? 0)) throw error;
        await this.threads.forget(dest, day);
      }
    }
    if (!this.forums.has(dest.channelId)) {
      try {
        return await this.message(dest.channelId, body);
      } catch (error) {
        if (codeOf(error) !== FORUM_REFUSED) throw error;
        this.forums.add(dest.channelId);
      }
    }
    await this.startPost(dest, day, body);
  }

  private async message(channelId: string, body: OutgoingMessage): Promise<void> {
    await this.rest.post(Routes.channelMessages(channelId), restRequest(body));
  }

  private async startPost(dest: ChannelDestination, day: string, body: OutgoingMessage): Promise<void> {
    const { nonce: _nonce, enforce_nonce: _enforce, ...message } = body;
    const { body: starter, files } = restRequest(message);
    const thread = (await this.rest.post(Routes.threads(dest.channelId), { body: { name: forumPostName(day), message: starter }, ...(files ? { files } : {}) })) as { id: string };
    await this.threads.set(dest, day, thread.id);
  }
}
