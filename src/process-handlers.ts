import type { Logger } from './logger.js';

/** Exit codes a supervisor (systemd, Kubernetes, pm2) can tell apart. */
export const EXIT = { crashed: 70, refused: 78 } as const;

interface ProcessLike {
  on(event: 'unhandledRejection', fn: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', fn: (error: Error, origin: string) => void): unknown;
  exit(code: number): never | void;
}

/**
 * Last-resort handlers: an unhandled rejection or exception is logged with its context and the
 * process exits non-zero, so a supervisor restarts it. Nothing owed is lost by that: every alert is
 * in the durable outbox before anything is sent, and the restart delivers what is unmarked.
 */
export function installProcessHandlers(o: { logger: Logger; write: (line: string) => void; proc?: ProcessLike }): void {
  const proc = o.proc ?? process;
  let exiting = false;
  const die = (what: string, error: unknown) => {
    if (exiting) return;
    exiting = true;
    o.logger.error({ err: error }, `${what}; exiting so a supervisor restarts rankwatch (undelivered alerts stay in the outbox)`);
    o.write(`rankwatch: ${what}: ${explain(error)}; exiting (code ${EXIT.crashed})\n`);
    proc.exit(EXIT.crashed);
  };
  proc.on('unhandledRejection', (reason) => die('unhandled promise rejection', reason));
  proc.on('uncaughtException', (error, origin) => die(origin === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception', error));
}

/** The one line an operator reads: Slack's Socket Mode reconnect throws its platform errors here. */
function explain(error: unknown): string {
  const slackError = (error as { data?: { error?: string } })?.data?.error;
  if (slackError === 'invalid_auth' || slackError === 'token_revoked' || slackError === 'account_inactive' || slackError === 'not_authed') {
    return `Slack refused the app-level token SLACK_APP_TOKEN (${slackError})`;
  }
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}
