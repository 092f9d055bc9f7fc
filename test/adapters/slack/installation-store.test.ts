// The Slack installation store (Bolt's InstallationStore) on every keyv backend the store tests use:
// one record per workspace, one per org-wide install, the workspace→org link learned from commands,
// values checked on read, and the settings index never mistaking an installation for a setting.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '@slack/bolt';
import { SettingsStore } from '../../../src/store/settings-store.js';
import { SlackInstallations } from '../../../src/store/slack-installations.js';
import { announceSkips, BACKENDS } from '../../support/stores.js';

const workspace = (teamId: string, token: string): Installation => ({
  team: { id: teamId, name: teamId },
  enterprise: undefined,
  user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
  bot: { token, scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOT' },
  isEnterpriseInstall: false,
  authVersion: 'v2',
});
const org = (enterpriseId: string, token: string): Installation => ({
  team: undefined,
  enterprise: { id: enterpriseId, name: 'Org' },
  user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
  bot: { token, scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOT' },
  isEnterpriseInstall: true,
  authVersion: 'v2',
});

beforeAll(() => announceSkips());

describe.each(BACKENDS)('SlackInstallations on $name', (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  afterEach(async () => opened?.close());

  it('keeps one bot token per workspace, fetched by its team id, and forgets one without touching the other', async () => {
    opened = await backend.open();
    const store = new SlackInstallations(opened.kv);
    await store.storeInstallation(workspace('T0A', 'xoxb-a'));
    await store.storeInstallation(workspace('T0B', 'xoxb-b'));
    expect((await store.fetchInstallation({ teamId: 'T0B', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-b');
    expect(await store.botTokenFor('T0A')).toBe('xoxb-a');
    await store.deleteInstallation({ teamId: 'T0B', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await store.botTokenFor('T0B')).toBeNull();
    expect(await store.botTokenFor('T0A')).toBe('xoxb-a');
    await expect(store.fetchInstallation({ teamId: 'T0B', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/not installed in Slack workspace T0B/);
  });

  it("serves an org-wide install by enterprise id, and a workspace of the org (once seen in a command) with the org's token", async () => {
    opened = await backend.open();
    const store = new SlackInstallations(opened.kv);
    await store.storeInstallation(org('E0ORG', 'xoxb-org'));
    expect(await store.botTokenFor('T0MEMBER')).toBeNull();
    const found = await store.fetchInstallation({ teamId: 'T0MEMBER', enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    expect(found.bot?.token).toBe('xoxb-org');
    expect(await store.botTokenFor('T0MEMBER')).toBe('xoxb-org');
    // A workspace's own install wins over its org's.
    await store.storeInstallation(workspace('T0MEMBER', 'xoxb-own'));
    expect(await store.botTokenFor('T0MEMBER')).toBe('xoxb-own');
    expect(await store.forget({ kind: 'enterprise', id: 'E0ORG' })).toBe(true);
    await store.forget({ kind: 'team', id: 'T0MEMBER' });
    expect(await store.botTokenFor('T0MEMBER')).toBeNull();
  });

  it('refuses an installation without a bot token, and a corrupt stored value names its key', async () => {
    opened = await backend.open();
    const store = new SlackInstallations(opened.kv);
    await expect(store.storeInstallation({ ...workspace('T0A', 'x'), bot: undefined })).rejects.toThrow(/no bot token/);
    await opened.kv.set('slack-install:team:T0BAD', { team: { id: 'T0BAD' }, bot: { scopes: [] } });
    await expect(store.botTokenFor('T0BAD')).rejects.toThrow(/stored value slack-install:team:T0BAD is corrupt/);
  });

  it('lives beside the settings without the settings index reading it', async () => {
    opened = await backend.open();
    await new SlackInstallations(opened.kv).storeInstallation(workspace('T0A', 'xoxb-a'));
    const settings = new SettingsStore(opened.kv);
    await settings.reload();
    expect(await settings.allAlerts()).toEqual([]);
    expect(await settings.allDisabled()).toEqual([]);
  });
});
