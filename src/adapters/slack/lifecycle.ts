import type { App, Installation } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { SettingsStore } from '../../store/settings-store.js';
import type { InstallationRef, SlackInstallations } from '../../store/slack-installations.js';
import type { SlackNotifier } from './slack-notifier.js';

export interface LifecycleDeps {
  readonly installations: SlackInstallations;
  readonly notifier: SlackNotifier;
  readonly settings: SettingsStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly installUrl: string;
}

interface Source {
  readonly teamId?: string;
  readonly enterpriseId?: string;
  readonly isEnterpriseInstall: boolean;
}

/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens): the workspace's (or org's) installation is
 * deleted, so nothing more is sent with its token, and every channel set up for alerts in a
 * workspace left without a token is disabled with the reason (shown by /status). Its DMs, which
 * only a send reveals, fail as `gone` at their next alert and are disabled then, their owed
 * alerts recorded as dropped. Other workspaces are not touched.
 */
export function registerLifecycle(app: App, deps: LifecycleDeps): void {
  app.event('app_uninstalled', async ({ body, context }) => {
    await forgetInstall(deps, sourceOf(body, context), 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    if (!event.tokens.bot?.length) return; // only user tokens, which rankwatch never holds
    await forgetInstall(deps, sourceOf(body, context), 'tokens_revoked');
  });
}

function sourceOf(body: { team_id?: string; enterprise_id?: string }, context: { isEnterpriseInstall?: boolean }): Source {
  return { teamId: body.team_id, enterpriseId: body.enterprise_id, isEnterpriseInstall: context.isEnterpriseInstall === true };
}

/** Deletes the installation the event is about and disables the alert channels it served. Returns how many. */
export async function forgetInstall(deps: LifecycleDeps, source: Source, why: string): Promise<number> {
  const ref: InstallationRef | null =
    source.isEnterpriseInstall && source.enterpriseId ? { kind: 'enterprise', id: source.enterpriseId } : source.teamId ? { kind: 'team', id: source.teamId } : null;
  if (!ref) return 0;
  const had = await deps.installations.forget(ref);
  if (ref.kind === 'team') deps.notifier.forgetTeam(ref.id);
  const where = `Slack ${ref.kind === 'team' ? 'workspace' : 'org'} ${ref.id}`;
  const reason = `rankwatch was removed from ${where} (${why}): install it again at ${deps.installUrl} and its alerts resume`;
  let disabled = 0;
  const at = deps.clock().toISOString();
  for (const setting of await deps.settings.allAlerts()) {
    const dest = setting.dest;
    if (dest.kind !== 'slack-channel' || (await deps.settings.disabledEntry(dest))) continue;
    if (ref.kind === 'team' ? dest.teamId !== ref.id : (await deps.installations.botTokenFor(dest.teamId)) !== null) continue;
    deps.notifier.forgetTeam(dest.teamId);
    await deps.settings.disable({ dest, reason, at, by: setting.by });
    disabled++;
  }
  deps.logger.warn(
    { [ref.kind]: ref.id, event: why, forgotToken: had, disabledChannels: disabled },
    `slack: ${why} for ${where}: its token is forgotten, ${disabled} alert channel(s) disabled; its DMs are disabled at their next alert`,
  );
  return disabled;
}

/** The reasons a destination was disabled for its workspace's installation, not for itself. */
const INSTALL_REASON = /rankwatch was removed from Slack|rankwatch is not installed in Slack workspace|installation no longer works/;

/**
 * A workspace (or org) installs again: the destinations disabled only because it had uninstalled
 * (or its token stopped working) are enabled again, so its alerts resume without a new setup.
 * One that is really gone fails again at its next alert and is disabled for that reason.
 */
export async function restoreInstall(deps: LifecycleDeps, installation: Installation): Promise<number> {
  const teamId = installation.team?.id;
  let restored = 0;
  for (const entry of await deps.settings.allDisabled()) {
    const dest = entry.dest;
    if ((dest.kind !== 'slack-channel' && dest.kind !== 'slack-dm') || !INSTALL_REASON.test(entry.reason)) continue;
    if (teamId ? dest.teamId !== teamId : (await deps.installations.botTokenFor(dest.teamId)) === null) continue;
    deps.notifier.forgetTeam(dest.teamId);
    await deps.settings.enable(dest);
    restored++;
  }
  if (restored) deps.logger.info({ team: teamId, enterprise: installation.enterprise?.id, restored }, `slack: installed again; ${restored} destination(s) disabled by the uninstall resume`);
  return restored;
}
