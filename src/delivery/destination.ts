import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Where a message goes. Webhook destinations carry only a hash of their URL: the URL holds a
 * secret, comes from the environment, and is never written to the store.
 */
export const destinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('discord-channel'), channelId: z.string(), guildId: z.string().optional() }),
  z.object({ kind: z.literal('discord-dm'), userId: z.string() }),
  z.object({ kind: z.literal('discord-webhook'), hash: z.string() }),
  z.object({ kind: z.literal('slack-channel'), teamId: z.string(), channelId: z.string() }),
  z.object({ kind: z.literal('slack-dm'), teamId: z.string(), userId: z.string() }),
  z.object({ kind: z.literal('slack-webhook'), hash: z.string() }),
  z.object({ kind: z.literal('console') }),
]);
export type Destination = z.infer<typeof destinationSchema>;
export type Platform = 'discord' | 'slack' | 'console';

/** A stable string key for a destination (used in store keys and delivery records). */
export function destinationKey(d: Destination): string {
  switch (d.kind) {
    case 'discord-channel':
      return `discord:channel:${d.channelId}`;
    case 'discord-dm':
      return `discord:user:${d.userId}`;
    case 'discord-webhook':
      return `discord:webhook:${d.hash}`;
    case 'slack-channel':
      return `slack:${d.teamId}:channel:${d.channelId}`;
    case 'slack-dm':
      return `slack:${d.teamId}:user:${d.userId}`;
    case 'slack-webhook':
      return `slack:webhook:${d.hash}`;
    case 'console':
      return 'console';
  }
}

/** True for a person (DM) rather than a channel. */
export function isPersonal(d: Destination): boolean {
  return d.kind === 'discord-dm' || d.kind === 'slack-dm';
}

/** The short, non-reversible id of a webhook URL. */
export function webhookHash(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** How a person is told about a destination (who set it up), on its own platform. */
export const personSchema = z.object({ platform: z.enum(['discord', 'slack', 'console']), userId: z.string(), teamId: z.string().optional() });
export type Person = z.infer<typeof personSchema>;

/** The DM destination of a person. */
export function dmOf(p: Person): Destination {
  if (p.platform === 'discord') return { kind: 'discord-dm', userId: p.userId };
  if (p.platform === 'slack') return { kind: 'slack-dm', teamId: p.teamId ?? '', userId: p.userId };
  return { kind: 'console' };
}
