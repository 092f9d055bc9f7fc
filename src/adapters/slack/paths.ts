/** Where Slack posts commands, clicks and events in HTTP mode, on the shared HTTP server. */
export const EVENTS_PATH = '/slack/events';
/** Where a workspace admin starts the OAuth install (a 302 to Slack's consent page). */
export const INSTALL_PATH = '/slack/install';
/** Where Slack sends the browser back with `code` and `state`. */
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** The Events API events rankwatch subscribes to: both end a workspace's installation. */
export const BOT_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;
