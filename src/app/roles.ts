import { ConfigError, type Config, type Role } from '../config.js';

/** What one process runs. `all` is everything; the others are one part of a fleet on REDIS_URL. */
export interface RolePlan {
  readonly role: Role;
  /** Syncs from the source on the schedule and plans alerts (one poller per tick fleet-wide). */
  readonly polls: boolean;
  /** Sends what the outbox owes (in a fleet, as BullMQ workers). */
  readonly delivers: boolean;
  /** Holds the persistent connections that receive commands: Discord's gateway, Slack's Socket Mode. */
  readonly gateway: boolean;
  /** Receives commands over HTTP: Discord's signed interactions, Slack's events and OAuth. */
  readonly http: boolean;
}

const PLANS: Record<Role, Omit<RolePlan, 'role'>> = {
  all: { polls: true, delivers: true, gateway: true, http: true },
  poller: { polls: true, delivers: false, gateway: false, http: false },
  delivery: { polls: false, delivers: true, gateway: false, http: false },
  interactions: { polls: false, delivers: false, gateway: false, http: true },
  gateway: { polls: false, delivers: false, gateway: true, http: false },
};

/** The plan of ROLE, refused with the setting to fix when that role would have nothing to do. */
export function rolePlan(config: Config): RolePlan {
  const plan = { role: config.ROLE, ...PLANS[config.ROLE] };
  if (config.ROLE === 'interactions') {
    if (config.HTTP_PORT === undefined) throw new ConfigError('ROLE=interactions needs HTTP_PORT: Discord and Slack post commands to its HTTP server');
    if (!config.DISCORD_PUBLIC_KEY && !config.SLACK_SIGNING_SECRET) {
      throw new ConfigError('ROLE=interactions has nothing to receive: set DISCORD_PUBLIC_KEY (Discord HTTP interactions) and/or SLACK_SIGNING_SECRET (Slack over HTTP)');
    }
  }
  if (config.ROLE === 'gateway' && !(config.DISCORD_TOKEN && !config.DISCORD_PUBLIC_KEY) && !config.SLACK_APP_TOKEN) {
    throw new ConfigError('ROLE=gateway has no connection to hold: set DISCORD_TOKEN without DISCORD_PUBLIC_KEY (the Discord gateway) and/or SLACK_APP_TOKEN (Slack Socket Mode)');
  }
  return plan;
}
