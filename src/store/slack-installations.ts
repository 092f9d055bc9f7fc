import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type Keyv from 'keyv';
import { z } from 'zod';
import { parseStored } from './keyv-history-store.js';

/** Every key this store writes starts so, in the settings namespace (SettingsStore skips them). */
export const INSTALL_PREFIX = 'slack-install:';

const idName = z.object({ id: z.string().min(1), name: z.string().optional() });
/** What an installation must hold for rankwatch to use it; anything else Bolt stored is kept as is. */
const installationSchema = z.looseObject({
  team: idName.nullish(),
  enterprise: idName.nullish(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z.looseObject({ token: z.string().min(1), scopes: z.array(z.string()), id: z.string().optional(), userId: z.string() }),
  user: z.looseObject({ id: z.string() }).optional(),
});
/** A workspace of an Enterprise Grid org seen using the org-wide install (alerts there use the org's token). */
const memberSchema = z.object({ enterpriseId: z.string().min(1) });

/** Which token a workspace (or org) is served with. */
export interface InstallationRef {
  readonly kind: 'team' | 'enterprise';
  readonly id: string;
}

const key = (ref: InstallationRef) => `${INSTALL_PREFIX}${ref.kind}:${ref.id}`;
const memberKey = (teamId: string) => `${INSTALL_PREFIX}member:${teamId}`;

/** The installation a query asks for: the org's for an org-wide install, else the workspace's. */
function refOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): InstallationRef {
  if (q.isEnterpriseInstall && q.enterpriseId) return { kind: 'enterprise', id: q.enterpriseId };
  if (q.teamId) return { kind: 'team', id: q.teamId };
  throw new Error('Slack installation query names neither a workspace nor an org-wide install');
}

/**
 * Bolt's InstallationStore on rankwatch's store: one record per workspace (`team:T…`) and one per
 * Enterprise Grid org-wide install (`enterprise:E…`), each holding that installation's bot token.
 * Values are checked with zod on read. Tokens are secrets: nothing here logs an installation.
 */
export class SlackInstallations implements InstallationStore {
  constructor(private readonly kv: Keyv) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const ref = refOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
    if (!installation.bot?.token) throw new Error('Slack installation carries no bot token (the bot scopes were not granted)');
    await this.kv.set(key(ref), installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const ref = refOf(query);
    // A command from a workspace of an org installed org-wide: remember which org serves it,
    // so alerts to that workspace (destinations carry only the workspace id) find the org's token.
    if (ref.kind === 'enterprise' && query.teamId) await this.link(query.teamId, ref.id);
    const found = await this.read(ref);
    if (!found) throw new Error(`rankwatch is not installed in Slack ${ref.kind === 'team' ? 'workspace' : 'org'} ${ref.id}`);
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.forget(refOf(query));
  }

  /** Removes one installation; true when there was one. */
  async forget(ref: InstallationRef): Promise<boolean> {
    return this.kv.delete(key(ref));
  }

  /** The bot token for alerts to a workspace: its own install, else its org's org-wide install; null when neither. */
  async botTokenFor(teamId: string): Promise<string | null> {
    const own = await this.read({ kind: 'team', id: teamId });
    if (own) return own.bot!.token;
    const raw = await this.kv.get(memberKey(teamId));
    if (raw === undefined) return null;
    const { enterpriseId } = parseStored(memberSchema, raw, memberKey(teamId));
    return (await this.read({ kind: 'enterprise', id: enterpriseId }))?.bot?.token ?? null;
  }

  private async link(teamId: string, enterpriseId: string): Promise<void> {
    const raw = await this.kv.get(memberKey(teamId));
    if (raw !== undefined && parseStored(memberSchema, raw, memberKey(teamId)).enterpriseId === enterpriseId) return;
    await this.kv.set(memberKey(teamId), { enterpriseId });
  }

  private async read(ref: InstallationRef): Promise<Installation | null> {
    const raw = await this.kv.get(key(ref));
    if (raw === undefined) return null;
    return parseStored(installationSchema, raw, key(ref)) as unknown as Installation;
  }
}
