import { Command, CommanderError } from 'commander';
import { ConfigError, loadEnvironment } from './config-env.js';
import { CliError } from './cli/user-error.js';
import { VERSION } from './version.js';

const out = (line: string) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

const program = new Command('rankwatch')
  .description("Watches OpenRouter's LLM usage rankings and tells chat rooms what the charts did.")
  .version(VERSION, '-V, --version', 'print the version')
  .showHelpAfterError('(run `rankwatch --help` for usage)')
  .exitOverride();

program
  .command('start')
  .description('run the bot: Discord and/or Slack when configured, else a chat in this terminal')
  .option('--once', 'sync once, deliver what it found, wait for delivery to finish, and exit')
  .option('--role <role>', 'all (the default: everything in this process), or one part of a fleet on REDIS_URL: poller, delivery, interactions or gateway (overrides ROLE)')
  .action(async (opts: { once?: boolean; role?: string }) => {
    const { start } = await import('./main.js');
    process.exitCode = await start({ once: Boolean(opts.once), ...(opts.role ? { role: opts.role } : {}) });
  });

program
  .command('replay')
  .description('print every chart event of a range, with the history before it as context')
  .option('--file <path>', 'a rankings-daily response saved as JSON (default: the store)')
  .option('--from <day>', 'first UTC day to print (YYYY-MM-DD)')
  .option('--to <day>', 'last UTC day to print (YYYY-MM-DD)')
  .option('--json', 'one JSON object per line instead of sentences')
  .action(async (opts) => {
    const { replay } = await import('./cli/replay.js');
    const lines: string[] = [];
    await replay(opts, (l) => lines.push(l), err);
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  });

program
  .command('backfill')
  .description('fill the store from OpenRouter from 2025-01-01 (the bundled sample without a key)')
  .action(async () => {
    const { backfill } = await import('./cli/backfill.js');
    await backfill(err);
  });

program
  .command('leaderboard')
  .description('print one chart from the store as a table')
  .option('--chart <name>', 'daily, weekly, monthly or trending', 'daily')
  .option('--date <day>', 'the UTC day the period covers (default: the latest complete period)')
  .option('--limit <n>', 'how many rows, 1 to 25', '10')
  .action(async (opts) => {
    const { printLeaderboard } = await import('./cli/leaderboard.js');
    await printLeaderboard(opts, out);
  });

program
  .command('chart')
  .description('draw a picture from the store as a PNG: leaderboard, model <name>, or race')
  .argument('<picture>', 'leaderboard, model or race')
  .argument('[model...]', 'for `model`: the model name or permaslug')
  .requiredOption('--out <file>', 'the PNG file to write')
  .option('--theme <theme>', 'dark or light', 'dark')
  .option('--chart <name>', 'leaderboard: daily, weekly, monthly or trending; race: weekly, daily or monthly')
  .option('--date <day>', 'leaderboard: the UTC day the period covers (default: the latest)')
  .option('--limit <n>', 'leaderboard: how many bars, 1 to 25 (default 10)')
  .option('--weeks <n>', 'race: how many weeks back, 2 to 52 (default 12)')
  .action(async (picture: string, words: string[], opts) => {
    const { writeChart } = await import('./cli/chart.js');
    await writeChart(picture, words, opts, out);
  });

program
  .command('reset')
  .description("clear rankwatch's history, settings and outbox in STORE_URL (asks first)")
  .option('--yes', 'do not ask')
  .action(async (opts: { yes?: boolean }) => {
    const { reset } = await import('./cli/reset.js');
    await reset(opts, err);
  });

const discord = program.command('discord').description('Discord set-up');
discord
  .command('register')
  .description('bulk-overwrite the slash commands (global, or one guild for testing) and print the invite URL')
  .option('--guild <id>', 'register in this guild only (instant; global commands can take a while to appear)')
  .action(async (opts: { guild?: string }) => {
    const { registerDiscordCommands } = await import('./cli/discord-register.js');
    const { loadConfig } = await import('./config.js');
    await registerDiscordCommands(loadConfig(), opts, out);
  });

discord
  .command('shards')
  .description('very large bots: one gateway process per shard (discord.js ShardingManager), each `rankwatch start` with ROLE=gateway')
  .option('--shards <n>', "total shards (default: Discord's recommendation from GET /gateway/bot)")
  .option('--spawn-delay <ms>', 'wait between shard starts (default 5500 ms per IDENTIFY bucket)')
  .action(async (opts: { shards?: string; spawnDelay?: string }) => {
    const { runDiscordShards } = await import('./cli/discord-shards.js');
    const { loadConfig } = await import('./config.js');
    process.exitCode = await runDiscordShards(loadConfig(), opts, err);
  });

const slack = program.command('slack').description('Slack set-up');
slack
  .command('manifest')
  .description('print the Slack app manifest (Socket Mode, or HTTP request URLs under --url)')
  .option('--url <base>', 'public base URL of HTTP_PORT, e.g. https://bot.example.com, or its /slack/events URL (default: Socket Mode)')
  .option('--commands <style>', 'namespaced (only /rankwatch <subcommand>) or both (and every separate command); default SLACK_COMMANDS, else both')
  .action(async (opts: { url?: string; commands?: string }) => {
    const { printSlackManifest } = await import('./cli/slack-manifest.js');
    const { slackCommandsSetting } = await import('./config.js');
    printSlackManifest({ url: opts.url, commands: slackCommandsSetting(opts.commands) }, out);
  });

try {
  // Once, before any command: `.env` (or RANKWATCH_ENV_FILE) under the environment, so loadConfig() sees both.
  loadEnvironment(process.cwd());
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError || error instanceof ConfigError) {
    err(`rankwatch: ${error.message}`);
    process.exitCode = 1;
  } else {
    err(`rankwatch: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  }
}
