import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackCommand } from '../../src/adapters/slack/command-names.js';
import { PROJECT_URL, VERSION } from '../../src/version.js';
import { AS_OF, member, openWorld, type World } from './world.js';

let world: World;
beforeAll(async () => (world = await openWorld()));
afterAll(() => world.close());

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license: string };

describe('/about', () => {
  it('given a synced store, then it shows the version from package.json, the data as of, the source and the licence, privately', async () => {
    const reply = await world.run('about', {}, member('u'));
    expect(VERSION).toBe(pkg.version);
    expect(reply.title).toBe(`rankwatch ${pkg.version}`);
    expect(reply.ephemeral).toBe(true);
    expect(Object.fromEntries(reply.fields!.map((f) => [f.label, f.value]))).toEqual({
      Version: pkg.version,
      Licence: 'MIT',
      'Data as of': `${AS_OF.slice(0, 10)} ${AS_OF.slice(11, 16)} UTC`,
      'Complete through': '2026-04-05 (UTC)',
      Source: "OpenRouter's public rankings (openrouter.ai/rankings)",
      ...(PROJECT_URL ? { Project: PROJECT_URL } : {}),
    });
  });

  it('given typed words after it, then they are refused, not ignored', async () => {
    expect((await world.run('about', { _extra: 'please' })).text).toBe('/about: unexpected text "please". Try /help about.');
  });

  it('is /about on Slack too (not a name Slack keeps for itself)', () => {
    expect(slackCommand('about')).toBe('/about');
  });
});

describe('LICENSE', () => {
  it('is the MIT licence package.json names, for rankwatch contributors, 2026', () => {
    const text = readFileSync('LICENSE', 'utf8');
    expect(pkg.license).toBe('MIT');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toContain('Copyright (c) 2026 rankwatch contributors');
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});
