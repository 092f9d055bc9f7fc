import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../delivery/notifier.js';
import type { SlackInstallations } from '../../store/slack-installations.js';

/** Which WebClient (which bot token) serves a workspace. */
export interface SlackClients {
  /** True when every workspace has its own token (OAuth installs), false for SLACK_BOT_TOKEN. */
  readonly perWorkspace: boolean;
  /** Throws a DeliveryError (`gone`) when rankwatch is not installed in that workspace. */
  forTeam(teamId: string): Promise<webApi.WebClient>;
  /** Drops what is remembered about a workspace (its token was refused, or it uninstalled). */
  forget(teamId: string): void;
}

/** SLACK_BOT_TOKEN: one workspace, one client. */
export function singleClient(client: webApi.WebClient): SlackClients {
  return { perWorkspace: false, forTeam: async () => client, forget: () => {} };
}

/**
 * OAuth installs: each workspace's bot token from the installation store, so an alert to
 * workspace B is posted with B's token and never with another's. Tokens are remembered for
 * `ttlMs` (another instance may have seen an uninstall); clients are shared per token.
 */
export class WorkspaceClients implements SlackClients {
  readonly perWorkspace = true;
  private readonly tokens = new Map<string, { token: string; until: number }>();
  private readonly clients = new Map<string, webApi.WebClient>();

  constructor(
    private readonly installations: SlackInstallations,
    private readonly o: { clientOptions: webApi.WebClientOptions; installUrl: string; ttlMs?: number; now?: () => number },
  ) {}

  async forTeam(teamId: string): Promise<webApi.WebClient> {
    const now = (this.o.now ?? Date.now)();
    let hit = this.tokens.get(teamId);
    if (!hit || hit.until <= now) {
      const token = await this.installations.botTokenFor(teamId);
      if (!token) {
        this.forget(teamId);
        throw new DeliveryError('gone', `rankwatch is not installed in Slack workspace ${teamId} (it was uninstalled or its token revoked): install it again at ${this.o.installUrl} and its alerts resume`);
      }
      hit = { token, until: now + (this.o.ttlMs ?? 30_000) };
      this.tokens.set(teamId, hit);
    }
    let client = this.clients.get(hit.token);
    if (!client) this.clients.set(hit.token, (client = new webApi.WebClient(hit.token, this.o.clientOptions)));
    return client;
  }

  forget(teamId: string): void {
    const hit = this.tokens.get(teamId);
    this.tokens.delete(teamId);
    if (hit && ![...this.tokens.values()].some((t) => t.token === hit.token)) this.clients.delete(hit.token);
  }
}
