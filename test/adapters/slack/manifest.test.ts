import { describe, expect, it } from 'vitest';
import { COMMANDS, REGISTRY } from '../../../commands/index.js';
import { slackManifest, usageHint } from '../../../src/adapters/slack/manifest.js';
import { printSlackManifest } from '../../../src/cli/slack-manifest.js';
import { CliError } from '../../../src/cli/user-error.js';
import { slackCommand } from '../../../src/adapters/slack/command-names.js';

describe('slackManifest', () => {
  it('given the registry, lists exactly its commands, and every listed command is in the registry', () => {
    const manifest = slackManifest(REGISTRY, { socketMode: true });
    const listed = manifest.features.slash_commands.map((c) => c.command);
    expect(listed).toEqual([...REGISTRY.keys()].map(slackCommand));
    for (const c of listed) expect(REGISTRY.has(c.replace(/^\/(rankwatch-)?/, ''))).toBe(true);
    // Slack keeps /status and /help for itself: ours are prefixed there.
    expect(listed).toContain('/rankwatch-status');
    expect(listed).not.toContain('/status');
    expect(slackManifest(COMMANDS, { socketMode: true })).toEqual(manifest);
  });

  it('given Socket Mode, declares no URLs and enables socket mode and interactivity', () => {
    const m = slackManifest(REGISTRY, { socketMode: true });
    expect(m.settings).toEqual({ socket_mode_enabled: true, interactivity: { is_enabled: true }, org_deploy_enabled: false, token_rotation_enabled: false });
    expect(m.features.slash_commands.every((c) => c.url === undefined && c.should_escape === false)).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'channels:read', 'groups:read']);
  });

  it('given HTTP mode, every command and interactivity post to the request URL', () => {
    const requestUrl = 'https://bot.example.com/slack/events';
    const m = slackManifest(REGISTRY, { socketMode: false, requestUrl, name: 'rankwatch (staging)' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: requestUrl });
    expect(new Set(m.features.slash_commands.map((c) => c.url))).toEqual(new Set([requestUrl]));
    expect(m.display_information.name).toBe('rankwatch (staging)');
    expect(() => slackManifest(REGISTRY, { socketMode: false })).toThrow(/request URL/);
  });

  it("stays within Slack's manifest limits", () => {
    const m = slackManifest(REGISTRY, { socketMode: true });
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(m.display_information.long_description.length).toBeLessThanOrEqual(4000);
    for (const c of m.features.slash_commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('builds usage hints from options and subcommands', () => {
    expect(usageHint(REGISTRY.get('leaderboard')!)).toMatch(/^\[chart: daily\|weekly\|monthly\|trending\]/);
    expect(usageHint(REGISTRY.get('alerts')!)).toMatch(/^setup .* \| off \| show \| test$/);
    expect(usageHint(REGISTRY.get('model')!)).toBe('<model>');
  });
});

describe('printSlackManifest', () => {
  const print = (opts: { url?: string }) => {
    const out: string[] = [];
    printSlackManifest(opts, (s) => out.push(s));
    return JSON.parse(out.join('')) as ReturnType<typeof slackManifest>;
  };

  it('given no --url, prints a Socket Mode manifest as JSON', () => {
    expect(print({})).toEqual(slackManifest(REGISTRY, { socketMode: true }));
  });

  it('given --url, points every request URL at /slack/events under it', () => {
    const m = print({ url: 'https://bot.example.com/' });
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
    expect(m.features.slash_commands[0].url).toBe('https://bot.example.com/slack/events');
  });

  it('given a --url that is not one, says so', () => {
    expect(() => print({ url: 'bot.example.com' })).toThrow(CliError);
    expect(() => print({ url: 'ftp://bot.example.com' })).toThrow(/https:\/\//);
  });
});

describe('command names in replies on Slack', () => {
  it('given a reply that points at /help or /status, then it names the commands Slack really has', async () => {
    const { slackCommandNames } = await import('../../../src/adapters/slack/command-names.js');
    expect(slackCommandNames('Unknown command /nonsense. Try /help. See /status, /leaderboard weekly.')).toBe(
      'Unknown command /nonsense. Try /rankwatch-help. See /rankwatch-status, /leaderboard weekly.',
    );
  });
});
