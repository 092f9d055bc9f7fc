// The registry as Discord application commands, and `rankwatch discord register` against the fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import type { Command } from '../../../commands/command.js';
import { applicationCommand, applicationCommands } from '../../../src/adapters/discord/commands.js';
import { inviteUrl, registerDiscordCommands } from '../../../src/cli/discord-register.js';
import { CliError } from '../../../src/cli/user-error.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import { discordConfig } from './support.js';

let fake: FakeDiscord;
const config = (env: Record<string, string | undefined> = {}) =>
  discordConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, ...env });
const byName = (name: string) => COMMANDS.find((c) => c.name === name)!;
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

/** Discord's 8000-character budget: names, descriptions and choice names/values of a command. */
function commandChars(c: { name: string; description?: string; options?: unknown[] }): number {
  const walk = (o: any): number =>
    o.name.length + (o.description?.length ?? 0) + (o.choices ?? []).reduce((n: number, ch: any) => n + ch.name.length + String(ch.value).length, 0) + (o.options ?? []).reduce((n: number, x: any) => n + walk(x), 0);
  return walk(c);
}

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake?.close();
});

describe('application commands from the registry', () => {
  it('given /leaderboard, then typed options with choices and bounds, usable in servers and DMs', () => {
    expect(applicationCommand(byName('leaderboard'))).toMatchInlineSnapshot(`
      {
        "contexts": [
          0,
          1,
        ],
        "description": "A chart's top models, or labs (labs_daily, labs_weekly, labs_monthly) with their share",
        "integration_types": [
          0,
        ],
        "name": "leaderboard",
        "options": [
          {
            "choices": [
              {
                "name": "daily",
                "value": "daily",
              },
              {
                "name": "weekly",
                "value": "weekly",
              },
              {
                "name": "monthly",
                "value": "monthly",
              },
              {
                "name": "trending",
                "value": "trending",
              },
              {
                "name": "labs_daily",
                "value": "labs_daily",
              },
              {
                "name": "labs_weekly",
                "value": "labs_weekly",
              },
              {
                "name": "labs_monthly",
                "value": "labs_monthly",
              },
            ],
            "description": "Which chart (default daily; labs_* rank labs, with share of the period)",
            "name": "chart",
            "type": 3,
          },
          {
            "description": "A UTC day the period covers, YYYY-MM-DD; or a month YYYY-MM, a week YYYY-Www (default the latest)",
            "name": "date",
            "type": 3,
          },
          {
            "description": "How many rows (1-25, default 10)",
            "max_value": 25,
            "min_value": 1,
            "name": "limit",
            "type": 4,
          },
        ],
        "type": 1,
      }
    `);
  });

  it('given /alerts, then subcommands, Manage Channels by default, servers only; model options autocomplete', () => {
    const alerts = applicationCommand(byName('alerts'));
    expect(alerts).toMatchObject({ default_member_permissions: '16', contexts: [0] });
    expect(alerts.options!.map((o) => [o.type, o.name])).toEqual([[1, 'setup'], [1, 'off'], [1, 'show'], [1, 'test'], [1, 'digest'], [1, 'quiet'], [1, 'mention'], [1, 'threads']]);
    expect(applicationCommand(byName('model')).options![0]).toMatchObject({ type: 3, name: 'model', required: true, autocomplete: true });
    expect(applicationCommand(byName('model'), 'guild')).not.toHaveProperty('contexts');
  });

  it('given every command, then each stays within 8000 characters', () => {
    for (const c of applicationCommands(COMMANDS)) expect(commandChars(c)).toBeLessThanOrEqual(8000);
  });
});

describe('registerDiscordCommands', () => {
  it('given a guild, then one bulk PUT to that guild that the fake accepts, and the invite URL is printed', async () => {
    const lines: string[] = [];
    const n = await registerDiscordCommands(config(), { guild: fake.defaultGuildId }, (l) => lines.push(l));
    expect(n).toBe(COMMANDS.length);
    expect(fake.commands(fake.defaultGuildId).map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    const put = fake.requests.findLast((r) => r.method === 'PUT')!;
    expect(put.route).toBe(`/applications/${fake.applicationId}/guilds/${fake.defaultGuildId}/commands`);
    expect(put.status).toBe(200);
    expect(lines[0]).toMatch(new RegExp(`^Registered ${COMMANDS.length} commands in guild ${fake.defaultGuildId}: /leaderboard /model`));
    expect(lines[1]).toBe(`Invite the bot: https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot+applications.commands&permissions=274877959168`);
  });

  it('given no guild, then the global commands are replaced; running it again keeps their ids', async () => {
    await registerDiscordCommands(config(), {}, () => {});
    const first = fake.commands().map((c) => c.id);
    await registerDiscordCommands(config(), {}, () => {});
    expect(fake.commands().map((c) => c.id)).toEqual(first);
    expect(fake.commands().find((c) => c.name === 'alerts')).toMatchObject({ default_member_permissions: '16', contexts: [0] });
  });

  it('given missing settings or a bad guild id, then an error naming what to set', async () => {
    const noToken = discordConfig({ DISCORD_API_URL: fake.url });
    expect(await failure(registerDiscordCommands(noToken, {}, () => {}))).toMatchObject({ message: expect.stringMatching(/^DISCORD_TOKEN is not set/) });
    // HTTP interactions run without a token; registering still needs one, and says so.
    const httpOnly = discordConfig({ DISCORD_API_URL: fake.url, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_PUBLIC_KEY: 'ab'.repeat(32), HTTP_PORT: '0' });
    expect(await failure(registerDiscordCommands(httpOnly, {}, () => {}))).toMatchObject({ message: expect.stringMatching(/^DISCORD_TOKEN is not set: registering commands .* needs the bot token even when the bot answers over HTTP interactions/) });
    const noApp = { ...config(), DISCORD_APPLICATION_ID: undefined };
    expect(await failure(registerDiscordCommands(noApp, {}, () => {}))).toMatchObject({ message: expect.stringMatching(/^DISCORD_APPLICATION_ID is not set/) });
    expect(await failure(registerDiscordCommands(config(), { guild: 'general' }, () => {}))).toBeInstanceOf(CliError);
  });

  it('given a refused token (401) or an application it cannot touch (403), then what to check', async () => {
    const refused = await failure(registerDiscordCommands(config({ DISCORD_TOKEN: 'wrong' }), {}, () => {}));
    expect(refused).toBeInstanceOf(CliError);
    expect(refused!.message).toMatch(/^Discord answered 401 0: 401: Unauthorized\. DISCORD_TOKEN was refused/);
    const stranger = await failure(registerDiscordCommands(config(), { guild: '123456789012345678' }, () => {}));
    expect(stranger!.message).toMatch(/403 50001.*bot is in guild 123456789012345678 with the applications.commands scope/);
    expect(stranger!.message).toContain(inviteUrl(fake.applicationId));
  });

  it('given commands Discord rejects (400 50035), then the error tree briefly, by command name', async () => {
    const bad = { ...byName('help'), name: 'Help Me' } as Command;
    const err = await failure(registerDiscordCommands(config(), { guild: fake.defaultGuildId, commands: [byName('leaderboard'), bad] }, () => {}));
    expect(err!.message).toMatch(/^Discord answered 400 50035: Invalid Form Body\. The commands were rejected, nothing changed:\n {2}\/Help Me name: Command name is invalid/);
  });
});
