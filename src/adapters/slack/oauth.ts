import type { ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiverOptions, type Installation, type webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { SlackInstallations } from '../../store/slack-installations.js';
import { BOT_SCOPES } from './manifest.js';

import { INSTALL_PATH, REDIRECT_PATH } from './paths.js';

export { INSTALL_PATH, REDIRECT_PATH };

export interface SlackOAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the `state` Bolt round-trips through Slack (and binds it to the browser by cookie). */
  readonly stateSecret: string;
  /** https base URL Slack and browsers reach this server at, without a trailing slash. */
  readonly publicUrl: string;
  readonly installations: SlackInstallations;
}

/** Slack's consent page; with SLACK_API_URL (a stand-in or proxy), its sibling `/oauth/v2/authorize`. */
export function authorizationUrl(apiUrl: string | undefined): string {
  return apiUrl ? new URL('../oauth/v2/authorize', new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`)).toString() : 'https://slack.com/oauth/v2/authorize';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

/** What the browser is told when the install cannot finish, by Bolt's error code. */
const REFUSALS: Record<string, [number, string]> = {
  slack_oauth_missing_state: [400, 'This link is missing its state: start again from the install link.'],
  slack_oauth_invalid_state: [400, 'This install link expired or was started in another browser: start again from the install link.'],
  slack_oauth_missing_code: [400, 'Slack sent no authorization code: start again from the install link.'],
  slack_oauth_installer_authorization_error: [400, 'The install was cancelled in Slack. Nothing was installed.'],
};

/**
 * The HTTPReceiver options that turn on Bolt's OAuth flow: GET /slack/install redirects to Slack's
 * consent page with a signed state (and sets it as a cookie), GET /slack/oauth_redirect checks the
 * state against the cookie, exchanges the code with oauth.v2.access and stores the installation.
 */
export function oauthReceiverOptions(
  o: SlackOAuthSettings,
  extra: { clientOptions: webApi.WebClientOptions; apiUrl?: string; logger: Logger; onInstalled?: (installation: Installation) => Promise<void> | void },
): Partial<HTTPReceiverOptions> {
  const notInstalled = `rankwatch is not installed in this workspace (or was removed). A workspace admin can install it at ${o.publicUrl}${INSTALL_PATH}`;
  return {
    // A command from a workspace with no installation: Bolt cannot authorize it and would answer
    // 401 (Slack then shows a bare failure). A 200 with a body is Slack's ephemeral reply instead.
    processEventErrorHandler: async (args) => {
      if ((args.error as { code?: string }).code !== 'slack_bolt_authorization_error' || args.response.headersSent) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      args.response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response_type: 'ephemeral', text: notInstalled }));
      return true;
    },
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: o.installations,
    redirectUri: `${o.publicUrl}${REDIRECT_PATH}`,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      clientOptions: extra.clientOptions,
      authorizationUrl: authorizationUrl(extra.apiUrl),
      callbackOptions: {
        successAsync: async (installation, _options, _req, res) => {
          const where = installation.isEnterpriseInstall ? `org ${installation.enterprise?.id}` : `workspace ${installation.team?.id}`;
          extra.logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id }, `slack: rankwatch installed in ${where}`);
          await extra.onInstalled?.(installation);
          const name = installation.team?.name ?? installation.enterprise?.name ?? where;
          page(res, 200, `rankwatch is installed in ${name}`, 'Back in Slack, try /leaderboard, or run /alerts setup in a channel to get its alerts there.');
        },
        failure: (error, _options, _req, res) => {
          const [status, text] = REFUSALS[error.code] ?? [502, 'Slack did not complete the install. Try again in a minute from the install link.'];
          extra.logger.warn({ code: error.code, reason: error.message }, 'slack: an install did not complete');
          page(res, status, 'rankwatch was not installed', text);
        },
      },
    },
  };
}
