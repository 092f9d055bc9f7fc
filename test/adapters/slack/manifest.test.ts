import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, REGISTRY } from '../../../commands/index.js';
import { slackManifest, usageHint } from '../../../src/adapters/slack/manifest.js';
import { printSlackManifest } from '../../../src/cli/slack-manifest.js';
import { CliError } from '../../../src/cli/user-error.js';
import { slackCommand } from '../../../src/adapters/slack/command-names.js';
import { manifestBase } from '../../../src/adapters/slack/manifest.js';
import { validateJsonSchema } from '../../support/json-schema.js';

/** Slack's own manifest schema (slackapi/manifest-schema, MIT; see PROVENANCE.md beside it). */
const SCHEMA = JSON.parse(readFileSync(new URL('../../fixtures/slack-manifest-schema/manifest.schema.1.0.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const LIFECYCLE_AND_NATIVE = ['app_uninstalled', 'tokens_revoked', 'app_home_opened', 'link_shared'];

describe('slackManifest', () => {
  it('given the registry, lists /rankwatch and exactly its commands, and every listed command is in the registry', () => {
    const manifest = slackManifest(REGISTRY, { socketMode: true });
    const [namespaced, ...listed] = manifest.features.slash_commands.map((c) => c.command);
    expect(namespaced).toBe('/rankwatch');
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
      event_subscriptions: { bot_events: LIFECYCLE_AND_NATIVE },
      socket_mode_enabled: true,
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
    expect(m.oauth_config).not.toHaveProperty('redirect_urls');
    expect(m.features.slash_commands.every((c) => c.url === undefined && c.should_escape === false)).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'channels:read', 'groups:read', 'files:write', 'links:read', 'links:write']);
  });

  it('given HTTP mode, every command, interactivity and the events post to /slack/events, and installs come back to the redirect URL', () => {
    const requestUrl = 'https://bot.example.com/slack/events';
    const m = slackManifest(REGISTRY, { socketMode: false, baseUrl: 'https://bot.example.com', name: 'rankwatch (staging)' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: requestUrl });
    expect(m.settings.event_subscriptions).toEqual({ request_url: requestUrl, bot_events: LIFECYCLE_AND_NATIVE });
    expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(new Set(m.features.slash_commands.map((c) => c.url))).toEqual(new Set([requestUrl]));
    expect(m.display_information.name).toBe('rankwatch (staging)');
    expect(() => slackManifest(REGISTRY, { socketMode: false })).toThrow(/https base URL/);
  });

  it('enables the Home tab and the Messages tab (writable, so alerts by DM are not refused with messages_tab_disabled), and unfurls openrouter.ai', () => {
    for (const m of [slackManifest(REGISTRY, { socketMode: true }), slackManifest(REGISTRY, { socketMode: false, baseUrl: 'https://h.example' })]) {
      expect(m.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
      expect(m.features.unfurl_domains).toEqual(['openrouter.ai']);
    }
  });

  it('given SLACK_COMMANDS=namespaced, declares /rankwatch alone, its usage naming every subcommand', () => {
    const m = slackManifest(REGISTRY, { socketMode: false, baseUrl: 'https://h.example', commands: 'namespaced' });
    expect(m.features.slash_commands).toEqual([
      {
        command: '/rankwatch',
        description: 'rankwatch: leaderboards, model cards, subscriptions and channel alerts (/rankwatch help)',
        usage_hint: [...REGISTRY.keys()].join(' | '),
        should_escape: false,
        url: 'https://h.example/slack/events',
      },
    ]);
  });

  it.each([
    ['socket mode, both', { socketMode: true }],
    ['socket mode, namespaced', { socketMode: true, commands: 'namespaced' as const }],
    ['HTTP, both', { socketMode: false, baseUrl: 'https://bot.example.com/slack/events' }],
    ['HTTP, namespaced, long name', { socketMode: false, baseUrl: 'https://bot.example.com', commands: 'namespaced' as const, name: 'x'.repeat(60) }],
  ])("given %s, validates against Slack's app manifest schema", (_what, opts) => {
    expect(validateJsonSchema(SCHEMA, slackManifest(REGISTRY, opts))).toEqual([]);
  });

  it("given a manifest Slack would refuse, the schema check says where (the validator is not vacuous)", () => {
    const m = slackManifest(REGISTRY, { socketMode: true });
    const broken = { ...m, features: { ...m.features, unfurl_domains: ['https://openrouter.ai'], slash_commands: [{ command: 'rankwatch', description: '' }] } };
    expect(validateJsonSchema(SCHEMA, broken)).toEqual([
      '/features/slash_commands/0/command: does not match ^\\/',
      '/features/slash_commands/0/description: shorter than 1',
      '/features/unfurl_domains/0: does not match ^(?![\\.\\-])([-a-z0-9\\.])+([a-z0-9])$',
    ]);
    expect(validateJsonSchema(SCHEMA, { ...m, extra: true })).toEqual(['/extra: not allowed']);
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
    expect(usageHint(REGISTRY.get('alerts')!)).toMatch(/^setup .* \| off \| show \| test \| digest <every: daily\|weekly\|off> .* \| quiet <hours> \[timezone\] \| mention .* \| threads .*$/);
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

  it.each([
    ['https://host.example', 'https://host.example'],
    ['https://host.example/', 'https://host.example'],
    ['https://host.example/slack/events', 'https://host.example'],
    ['https://host.example/slack/events/', 'https://host.example'],
    ['https://host.example//slack//events', 'https://host.example'],
    ['https://HOST.example:443/bot/slack/events', 'https://host.example/bot'],
    ['https://host.example:8443/bot/', 'https://host.example:8443/bot'],
    ['  https://host.example/slack/events  ', 'https://host.example'],
    ['https://host.example/slack/events/slack/events', 'https://host.example'],
  ])('given --url %s, the base is %s (a base or the full events URL, never a doubled path)', (given, base) => {
    expect(manifestBase(given)).toBe(base);
    expect(print({ url: given }).settings.interactivity.request_url).toBe(`${base}/slack/events`);
  });

  it('given a --url with a query or fragment, refuses it rather than put it mid-path', () => {
    expect(() => print({ url: 'https://host.example/slack/events?x=1' })).toThrow(/--url: want a base URL without \?query or #fragment/);
    expect(() => print({ url: 'https://host.example/#top' })).toThrow(/without \?query or #fragment/);
  });

  it('given --commands namespaced, prints /rankwatch alone', () => {
    const out: string[] = [];
    printSlackManifest({ commands: 'namespaced' }, (s) => out.push(s));
    expect((JSON.parse(out.join('')) as ReturnType<typeof slackManifest>).features.slash_commands.map((c) => c.command)).toEqual(['/rankwatch']);
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

describe('SLACK_COMMANDS for the manifest', () => {
  it('given --commands, SLACK_COMMANDS or neither, picks in that order (default both), reading nothing else', async () => {
    const { slackCommandsSetting } = await import('../../../src/config.js');
    expect(slackCommandsSetting(undefined, {})).toBe('both');
    expect(slackCommandsSetting(undefined, { SLACK_COMMANDS: ' namespaced ', SLACK_BOT_TOKEN: 'xoxb-without-the-rest' })).toBe('namespaced');
    expect(slackCommandsSetting('both', { SLACK_COMMANDS: 'namespaced' })).toBe('both');
    expect(() => slackCommandsSetting('some', {})).toThrow('--commands is not usable: want namespaced or both (got some)');
    expect(() => slackCommandsSetting(undefined, { SLACK_COMMANDS: 'all' })).toThrow(/^SLACK_COMMANDS is not usable/);
  });
});
