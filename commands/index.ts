import type { Command } from './command.js';
import { about } from './about.js';
import { alerts } from './alerts.js';
import { help } from './help.js';
import { leaderboard } from './leaderboard.js';
import { model } from './model.js';
import { race } from './race.js';
import { records } from './records.js';
import { buildRegistry } from './registry.js';
import { status } from './status.js';
import { subscribe } from './subscribe.js';
import { subscriptions } from './subscriptions.js';
import { unsubscribe } from './unsubscribe.js';

/**
 * Every slash command, in the order help lists them. One static list feeds the runtime, Discord's
 * command registration and the Slack manifest; it is validated when this module loads.
 */
export const COMMANDS: readonly Command[] = [leaderboard, model, race, records, subscribe, unsubscribe, subscriptions, alerts, status, about, help];

export const REGISTRY: ReadonlyMap<string, Command> = buildRegistry(COMMANDS);
