import type Keyv from 'keyv';
import type { Command, CommandContext, Invocation } from '../../commands/command.js';
import type { Services } from '../../commands/services.js';
import type { Notifier } from '../delivery/notifier.js';
import type { HealthBoard } from '../health/health.js';
import type { AdapterStartError } from './start-error.js';
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
  /** Where the adapter reports its connection state (lost, reconnecting, back). */
  readonly health?: HealthBoard;
  /** Called when the platform refuses the credentials after start (the process then exits). */
  readonly fatal?: (error: AdapterStartError) => void;
  /**
   * Which receivers this process runs (ROLE): the persistent connections (Discord's gateway, Slack's
   * Socket Mode) and/or the HTTP ones. Notifiers are built either way. Default: both.
   */
  readonly receive?: { readonly gateway: boolean; readonly http: boolean };
  /** In a fleet: true for the one instance that answers this interaction (several gateways receive it). */
  readonly claim?: (interactionId: string) => Promise<boolean>;
  /** The store's settings namespace, for records an adapter keeps itself (Slack's OAuth installations). */
  readonly settingsKv?: Keyv;
}

/** A platform: receives commands, and delivers alerts through its notifier. */
export interface ChatAdapter {
  readonly name: string;
  readonly notifier?: Notifier;
  /** Channels that get alerts without a /alerts setup (webhook URLs from the environment). */
  readonly implicitAlerts?: readonly AlertSetting[];
  /**
   * Connects. Rejects with an AdapterStartError: `refused` (credentials; fatal) or `unreachable`
   * (retried with backoff by the supervisor); resolves once the platform accepts the bot.
   */
  start(): Promise<void>;
  /** Stops receiving; resolves when connections are closed. */
  stop(): Promise<void>;
}
