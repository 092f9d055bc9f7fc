import Keyv from 'keyv';
import { z } from 'zod';
import { destinationKey, type Destination } from '../delivery/destination.js';

/** A day's thread is remembered this long: later restatements of an older day start a new one. */
const THREAD_TTL_MS = 14 * 24 * 3600_000;

/**
 * Where a destination's thread for one day is (`thread:<dest>:<day>`): a Discord forum post's
 * thread id, or a Slack parent message's ts. Durable (the store), so a restart or another
 * worker of the fleet replies in the same thread. Sends to one destination are one at a time in
 * both delivery paths (a lane; a Redis lock), so two first alerts of a day never race here.
 */
export class ThreadStore {
  constructor(private readonly kv: Keyv = new Keyv()) {}

  async get(dest: Destination, day: string): Promise<string | undefined> {
    const value = z.string().safeParse(await this.kv.get(key(dest, day)));
    return value.success ? value.data : undefined;
  }

  async set(dest: Destination, day: string, id: string): Promise<void> {
    await this.kv.set(key(dest, day), id, THREAD_TTL_MS);
  }

  /** The thread is gone (deleted, locked): the day's next alert starts a new one. */
  async forget(dest: Destination, day: string): Promise<void> {
    await this.kv.delete(key(dest, day));
  }
}

const key = (dest: Destination, day: string) => `thread:${destinationKey(dest)}:${day}`;
