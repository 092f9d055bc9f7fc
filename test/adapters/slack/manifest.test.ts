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

  it('given Socket Mode, declares no URLs and enables socket mode, interactivity and the two lifecycle events', () => {
    const m = slackManifest(REGISTRY, { socketMode: true });
    expect(m.settings).toEqual({
      event_subscriptions: { bot_events: ['app_uninstalled', 'tokens_revoked'] },
      socket_mode_enabled: true,
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
    expect(m.oauth_config).not.toHaveProperty('redirect_urls');
    expect(m.features.slash_commands.every((c) => c.url === undefined && c.should_escape === false)).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'channels:read', 'groups:read', 'files:write']);
  });

  it('given HTTP mode, every command, interactivity and the events post to /slack/events, and installs come back to the redirect URL', () => {
    const requestUrl = 'https://bot.example.com/slack/events';
    const m = slackManifest(REGISTRY, { socketMode: false, baseUrl: 'https://bot.example.com', name: 'rankwatch (staging)' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: requestUrl });
    expect(m.settings.event_subscriptions).toEqual({ request_url: requestUrl, bot_events: ['app_uninstalled', 'tokens_revoked'] });
    expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(new Set(m.features.slash_commands.map((c) => c.url))).toEqual(new Set([requestUrl]));
    expect(m.display_information.name).toBe('rankwatch (staging)');
    expect(() => slackManifest(REGISTRY, { socketMode: false })).toThrow(/https base URL/);
  });

  it('enables the App Home Messages tab, writable, so alerts by DM are not refused with messages_tab_disabled', () => {
    for (const m of [slackManifest(REGISTRY, { socketMode: true }), slackManifest(REGISTRY, { socketMode: false, baseUrl: 'https://h.example' })]) {
      expect(m.features.app_home).toEqual({ home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    }
  });

  it('given an http:// base URL, refuses it: Slack requires https', () => {
    expect(() => slackManifest(REGISTRY, { socketMode: false, baseUrl: 'http://bot.example.com' })).toThrow(/requires https:\/\//);
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
    expect(usageHint(REGISTRY.get('leaderboard')!)).toMatch(/^\[chart: daily\|weekly\|monthly\|trending\|labs_daily\|labs_weekly\|labs_monthly\]/);
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

  it('given --url ending in /slack/events already, does not repeat it (was /slack/events/slack/events)', () => {
    for (const url of ['https://host.example/slack/events', 'https://host.example/slack/events/']) {
      const m = print({ url });
      expect(m.settings.interactivity.request_url).toBe('https://host.example/slack/events');
      expect(m.settings.event_subscriptions.request_url).toBe('https://host.example/slack/events');
      expect(m.oauth_config.redirect_urls).toEqual(['https://host.example/slack/oauth_redirect']);
    }
  });

  it('given a --url that is not one, or not https, says so naming --url', () => {
    expect(() => print({ url: 'bot.example.com' })).toThrow(CliError);
    expect(() => print({ url: 'ftp://bot.example.com' })).toThrow(/https:\/\//);
    expect(() => print({ url: 'http://bot.example.com' })).toThrow(/--url: Slack requires https:\/\//);
  });
});

describe('command names in replies on Slack', () => {
  it('given a reply that points at /help or /status, then it names the commands Slack really has', async () => {
    const { slackCommandNames } = await import('../../../src/adapters/slack/command-names.js');
    expect(slackCommandNames('Unknown command /nonsense. Try /help. See /status, /leaderboard weekly.')).toBe(
      'Unknown command /nonsense. Try /rankwatch-help. See /rankwatch-status, /leaderboard weekly.',
    );
    // Slack's own command, named as Slack spells it.
    expect(slackCommandNames('Invite @rankwatch first: type /invite @rankwatch in this channel.')).toBe('Invite @rankwatch first: type /invite @rankwatch in this channel.');
  });
});
