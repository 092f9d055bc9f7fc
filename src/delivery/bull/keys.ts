import { createHash } from 'node:crypto';
import type { Destination } from '../destination.js';
import { destinationKey } from '../destination.js';

/** The two queues: Discord bot sends (under the token-wide 50/s) and everything else. */
export const QUEUES = { discord: 'rw-discord', other: 'rw-deliver' } as const;

export const queueOf = (dest: Destination): string => (dest.kind === 'discord-channel' || dest.kind === 'discord-dm' ? QUEUES.discord : QUEUES.other);

const hash = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 27);

/** Deterministic per (event, destination): adding it twice is a no-op. BullMQ ids must not contain ':'. */
export const jobIdOf = (eventId: string, dest: Destination): string => `d${hash(`${eventId}|${destinationKey(dest)}`)}`;

/** A destination's member in its order set: sorts as the outbox does (createdAt), then names the event. */
export const memberOf = (createdAt: string, eventId: string): string => `${createdAt}|${eventId}`;
export const eventOfMember = (member: string): string => member.slice(member.indexOf('|') + 1);

/** rankwatch's own keys next to BullMQ's, under the same prefix. */
export function keysFor(prefix: string) {
  const k = `${prefix}:rw`;
  return {
    /** ZSET (all scores 0, lexical): the events a destination is still owed, oldest first. */
    order: (dest: Destination) => `${k}:order:${hash(destinationKey(dest))}`,
    /** SET: the destinations (job ids) an event still owes; empty → the outbox entry is completed. */
    event: (eventId: string) => `${k}:event:${hash(eventId)}`,
    /** STRING with PX: the worker sending to a destination right now. */
    lock: (dest: Destination) => `${k}:lock:${hash(destinationKey(dest))}`,
    /** STRING: the earliest time (ms) the next message may go to this destination. */
    pace: (dest: Destination) => `${k}:pace:${hash(destinationKey(dest))}`,
    /** STRING: the earliest time (ms) of the next Discord bot request, for the whole fleet. */
    discordRate: `${k}:rate:discord`,
    /** HASH: a platform whose token was refused (since, attempts, reason, nextAt). */
    pause: (token: string) => `${k}:pause:${token}`,
    /** STRING with PX: the one send probing a paused platform. */
    probe: (token: string) => `${k}:probe:${token}`,
  };
}
export type Keys = ReturnType<typeof keysFor>;
