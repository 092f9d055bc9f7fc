import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../commands/command.js';
import { COMMANDS, REGISTRY } from '../../commands/index.js';
import { buildRegistry } from '../../commands/registry.js';
import { member, openWorld, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

const base: Command = { name: 'ok', description: 'Fine', options: [], personal: false, schema: z.object({}), run: async () => ({ text: 'ok' }) };

describe('the registry', () => {
  it('holds every command once, in help order', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['leaderboard', 'model', 'race', 'records', 'subscribe', 'unsubscribe', 'subscriptions', 'alerts', 'status', 'about', 'help']);
    expect([...REGISTRY.keys()]).toEqual(COMMANDS.map((c) => c.name));
  });

  it.each<[string, Command[]]>([
    ['name "Top" must match', [{ ...base, name: 'Top' }]],
    ['description must be 1-100 characters (is 101)', [{ ...base, description: 'x'.repeat(101) }]],
    ['required option b must come before optional ones', [{ ...base, options: [{ name: 'a', description: 'A', type: 'string' }, { name: 'b', description: 'B', type: 'string', required: true }] }]],
    ['at most 25 options', [{ ...base, options: Array.from({ length: 26 }, (_, i) => ({ name: `o${i}`, description: 'O', type: 'string' as const })) }]],
    ['command /ok is registered twice', [base, base]],
    ['a command with subcommands cannot have options of its own', [{ ...base, options: [{ name: 'a', description: 'A', type: 'string' }], subcommands: [{ name: 's', description: 'S', options: [] }] }]],
  ])('given a malformed command, then building the registry throws: %s', (message, commands) => {
    expect(() => buildRegistry(commands)).toThrow(message);
  });
});

describe('/help', () => {
  it('given no command, then every command is listed with its usage', async () => {
    const reply = await world.run('help', {});
    expect(reply.ephemeral).toBe(true);
    expect(reply.text!.split('\n')).toMatchInlineSnapshot(`
      [
        "**/leaderboard [chart: daily|weekly|monthly|trending|labs_daily|labs_weekly|labs_monthly] [date] [limit: 1-25]** — A chart's top models, or labs (labs_daily, labs_weekly, labs_monthly) with their share",
        "**/model <model>** — One model's card: lab and region, rank today, 7-day trend, days at #1, personal best",
        "**/race [chart: weekly|daily|monthly] [weeks: 2-52]** — The top 10 models' tokens week by week (a stacked chart), like the rankings page",
        "**/records** — All-time records: best days, longest reigns, strongest launches, longest sweeps, milestones",
        "**/subscribe [model] [where: dm|here] [lab] [events] [top: 1-50]** — Get alerts about one model (or one lab and its models), by DM or here; optionally only some",
        "**/unsubscribe [model] [where: dm|here] [lab]** — Stop alerts about one model (or lab), by DM or in this channel",
        "**/subscriptions** — The models you follow by DM, and those this channel follows",
        "**/alerts setup [types] [charts]** — Post chart alerts in this channel (channel managers)",
        "**/alerts off** — Stop chart alerts in this channel (channel managers)",
        "**/alerts show** — Show this channel's alert settings",
        "**/alerts test** — Post a sample alert here to check the bot can (channel managers)",
        "**/alerts digest <every: daily|weekly|off> [time] [timezone] [mode: instead|also]** — A daily or weekly recap at a set time (channel managers)",
        "**/alerts quiet <hours> [timezone]** — Hold alerts in a window, then post one catch-up (channel managers)",
        "**/alerts mention [role] [target: here|off] [types]** — Ping a role (Discord) or user group (Slack), or @here, on chosen alert types (channel managers)",
        "**/alerts threads <mode: daily|off>** — Slack: the day's later alerts as replies under its first one (channel managers)",
        "**/status** — Sync and delivery status: last and next sync, data as of, alerts sent and pending",
        "**/about** — What rankwatch is: version, where the data comes from and how fresh it is",
        "**/help [command]** — What each command does and how to call it",
        "",
        "/help <command> for details. Dates are UTC days.",
      ]
    `);
  });

  it('given one command, then its options are explained', async () => {
    const reply = await world.run('help', { command: '/Leaderboard' });
    expect(reply.title).toBe('/leaderboard');
    expect(reply.fields).toMatchInlineSnapshot(`
      [
        {
          "label": "chart",
          "value": "Which chart (default daily; labs_* rank labs, with share of the period). Optional; one of daily, weekly, monthly, trending, labs_daily, labs_weekly, labs_monthly.",
        },
        {
          "label": "date",
          "value": "A UTC day the period covers, YYYY-MM-DD; or a month YYYY-MM, a week YYYY-Www (default the latest). Optional.",
        },
        {
          "label": "limit",
          "value": "How many rows (1-25, default 10). Optional; 1 to 25.",
        },
      ]
    `);
    expect((await world.run('help', { command: 'alerts' })).fields!.map((f) => f.label)).toEqual([
      '/alerts setup [types] [charts]',
      '/alerts off',
      '/alerts show',
      '/alerts test',
      '/alerts digest <every: daily|weekly|off> [time] [timezone] [mode: instead|also]',
      '/alerts quiet <hours> [timezone]',
      '/alerts mention [role] [target: here|off] [types]',
      '/alerts threads <mode: daily|off>',
    ]);
  });

  it('given an unknown command, then it lists the real ones', async () => {
    expect((await world.run('help', { command: 'top' }, member('u'))).text).toBe(
      'No command /top. Commands: /leaderboard, /model, /race, /records, /subscribe, /unsubscribe, /subscriptions, /alerts, /status, /about, /help.',
    );
  });
});
