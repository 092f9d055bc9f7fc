import { describe, expect, test } from 'vitest';
import { discordPostingCheck, missingPermissions } from '../../../src/adapters/discord/bot-permissions.js';

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const ATTACH = 1n << 15n;
const IN_THREADS = 1n << 38n;
const ADMIN = 1n << 3n;
const TEXT = 0;
const THREAD = 11;
const FORUM = 15;

describe("the bot's own permissions in a channel (app_permissions)", () => {
  test.each([
    ['everything an alert needs', String(VIEW | SEND | EMBED | ATTACH), TEXT, []],
    ['no Send Messages', String(VIEW | EMBED | ATTACH), TEXT, ['Send Messages']],
    ['no Embed Links nor Attach Files', String(VIEW | SEND), TEXT, ['Embed Links', 'Attach Files']],
    ['nothing at all', String(0n), TEXT, ['View Channel', 'Send Messages', 'Embed Links', 'Attach Files']],
    ['Administrator alone', String(ADMIN), TEXT, []],
    ['a thread with Send Messages but not in threads', String(VIEW | SEND | EMBED | ATTACH), THREAD, ['Send Messages in Threads']],
    ['a thread with Send Messages in Threads only', String(VIEW | IN_THREADS | EMBED | ATTACH), THREAD, []],
    ['a forum without Send Messages in Threads', String(VIEW | SEND | EMBED | ATTACH), FORUM, ['Send Messages in Threads']],
    ['an announcement channel (type 5) as a text channel', String(VIEW | EMBED | ATTACH), 5, ['Send Messages']],
  ] as const)('given %s, then the right ones are missing', (_what, perms, type, missing) => {
    expect(missingPermissions(BigInt(perms), type)).toEqual(missing);
  });

  test('given two missing, then setup is refused naming both and where to give them', () => {
    expect(discordPostingCheck(VIEW | SEND, TEXT, 'general')).toEqual({
      ok: false,
      problem: "I can't post here: missing Embed Links and Attach Files in #general. Give rankwatch's role Embed Links and Attach Files in this channel (Edit Channel → Permissions), then run /alerts setup again.",
    });
  });

  test('given no app_permissions (a DM), then there is nothing to check', () => {
    expect(discordPostingCheck(null, undefined, undefined)).toEqual({ ok: true });
  });
});
