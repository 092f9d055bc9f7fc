import type { Command, CommandContext, Invocation } from '../../commands/command.js';
import type { Services } from '../../commands/services.js';
import type { Notifier } from '../delivery/notifier.js';
import type { Logger } from '../logger.js';
import type { HttpRoutes } from '../http/server.js';
import type { AlertSetting } from '../store/settings-store.js';

/** What the composition root hands every chat adapter. */
export interface AdapterDeps {
  readonly commands: ReadonlyMap<string, Command>;
  readonly services: Services;
  readonly logger: Logger;
  /** Mount inbound routes (Discord interactions, Slack events) on the one HTTP server, when HTTP_PORT is set. */
  readonly http?: HttpRoutes;
  /** Builds the context a command runs with. */
  context(invocation: Invocation): CommandContext;
}

/** A platform: receives commands, and delivers alerts through its notifier. */
export interface ChatAdapter {
  readonly name: string;
  readonly notifier?: Notifier;
  /** Channels that get alerts without a /alerts setup (webhook URLs from the environment). */
  readonly implicitAlerts?: readonly AlertSetting[];
  start(): Promise<void>;
  /** Stops receiving; resolves when connections are closed. */
  stop(): Promise<void>;
}
