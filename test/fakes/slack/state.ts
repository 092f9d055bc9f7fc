// Shared in-memory state of the fake Slack: workspace, tokens, channels, recorder.
import { FaultQueue, RateLimiter } from './limits.js';
import { mintId, mintSecret, TsMinter } from './http-util.js';
import { Surfaces } from './views.js';
import type {
  ChannelSpec,
  FakeSlackOptions,
  RecordedEphemeral,
  RecordedMessage,
  RecordedRequest,
  ResponseUrlPost,
  UserSpec,
  WebhookPost,
} from './types.js';

export interface ChannelRec {
  id: string;
  /** The workspace the channel belongs to. */
  teamId: string;
  name: string;
  archived: boolean;
  botIsMember: boolean;
  members?: string[];
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  user?: string;
  created: number;
}

export interface ResponseUrlRec {
  id: string;
  url: string;
  createdAt: number;
  uses: number;
  channel?: string;
  user?: string;
  /** Message the interaction came from (replace_original / delete_original). */
  messageTs?: string;
}

export interface WebhookRec {
  path: string;
  url: string;
  channel: string;
}

/** A workspace of the fake; `enterpriseId` puts it in an Enterprise Grid org. */
export interface TeamRec {
  id: string;
  name: string;
  domain: string;
  enterpriseId?: string;
  enterpriseName?: string;
}

/** What a bot token may reach: one workspace, or (org-wide install) every workspace of an org. */
export interface Grant {
  teamId?: string;
  enterpriseId?: string;
  scopes: string[];
}

/** A one-time code handed out by the authorize page, for oauth.v2.access. */
export interface CodeRec {
  grant: Grant;
  redirectUri?: string;
  user: string;
  used: boolean;
}

export const DEFAULT_BOT_TOKEN = 'xoxb-fake-bot-token';
export const DEFAULT_CLIENT_ID = '1111111111.2222222222';
export const DEFAULT_CLIENT_SECRET = 'fake-client-secret';
export const DEFAULT_APP_TOKEN = 'xapp-1-A0FAKEAPP1-fake';

const DEFAULT_CHANNELS: ChannelSpec[] = [
  { id: 'C0GENERAL1', name: 'general' },
  { id: 'C0RANDOM01', name: 'random' },
];
const DEFAULT_USERS: UserSpec[] = [
  { id: 'U0ALICE001', name: 'alice', realName: 'Alice' },
  { id: 'U0BOB00001', name: 'bob', realName: 'Bob' },
];

export class SlackState {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appToken: string;
  readonly botTokens: Set<string>;
  readonly revoked = new Set<string>();
  readonly teams = new Map<string, TeamRec>();
  /** Bot token → what it may reach. */
  readonly grants = new Map<string, Grant>();
  readonly codes = new Map<string, CodeRec>();
  readonly clientId: string;
  readonly clientSecret: string;
  /** The team each user belongs to. */
  readonly userTeams = new Map<string, string>();
  readonly channels = new Map<string, ChannelRec>();
  readonly users = new Map<string, UserSpec>();
  readonly requests: RecordedRequest[] = [];
  readonly messages: RecordedMessage[] = [];
  readonly ephemerals: RecordedEphemeral[] = [];
  readonly responsePosts: ResponseUrlPost[] = [];
  readonly webhookPosts: WebhookPost[] = [];
  readonly responseUrls = new Map<string, ResponseUrlRec>();
  readonly webhooks = new Map<string, WebhookRec>();
  /** One-shot tickets handed out by apps.connections.open. */
  readonly socketTickets = new Set<string>();
  readonly limiter: RateLimiter;
  readonly faults = new FaultQueue();
  /** Modals, Home tabs, trigger_ids and unfurls (views.ts). */
  readonly surfaces = new Surfaces();
  readonly tsMinter: TsMinter;
  readonly responseUrlMaxUses: number;
  readonly responseUrlTtlMs: number;
  readonly maxBlocksTextTotal?: number;
  /** http://127.0.0.1:PORT, set once listening. */
  baseUrl = '';
  private offsetMs = 0;
  private readonly clock: () => number;

  constructor(readonly options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T0FAKETEAM';
    this.teamName = options.teamName ?? 'Fake Workspace';
    this.teamDomain = options.teamDomain ?? 'fake-workspace';
    this.appId = options.appId ?? 'A0FAKEAPP1';
    this.botUserId = options.botUserId ?? 'U0BOTUSER1';
    this.botId = options.botId ?? 'B0BOT00001';
    this.appToken = options.appToken ?? DEFAULT_APP_TOKEN;
    this.botTokens = new Set(options.botTokens ?? [DEFAULT_BOT_TOKEN]);
    this.clientId = options.clientId ?? DEFAULT_CLIENT_ID;
    this.clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
    this.teams.set(this.teamId, { id: this.teamId, name: this.teamName, domain: this.teamDomain });
    for (const token of this.botTokens) this.grants.set(token, { teamId: this.teamId, scopes: [] });
    this.clock = options.now ?? Date.now;
    this.limiter = new RateLimiter(options.rateLimits ?? {}, () => this.now());
    this.tsMinter = new TsMinter(() => this.now());
    this.responseUrlMaxUses = options.responseUrlMaxUses ?? 5;
    this.responseUrlTtlMs = options.responseUrlTtlMs ?? 30 * 60_000;
    this.maxBlocksTextTotal = options.maxBlocksTextTotal;
    for (const u of options.users ?? DEFAULT_USERS) this.addUser(u);
    this.users.set(this.botUserId, { id: this.botUserId, name: 'rankwatch', isBot: true });
    for (const c of options.channels ?? DEFAULT_CHANNELS) this.addChannel(c);
    for (const w of options.workspaces ?? []) {
      this.teams.set(w.teamId, { id: w.teamId, name: w.teamName ?? w.teamId, domain: w.teamDomain ?? w.teamId.toLowerCase(), enterpriseId: w.enterpriseId, enterpriseName: w.enterpriseName });
      for (const u of w.users ?? []) this.addUser({ ...u, teamId: w.teamId });
      for (const c of w.channels ?? []) this.addChannel({ ...c, teamId: w.teamId });
    }
  }

  /** Whether a token's grant reaches a workspace (its own, or any of its org for an org-wide install). */
  reaches(grant: Grant | undefined, teamId: string): boolean {
    if (!grant) return true;
    if (grant.teamId) return grant.teamId === teamId;
    return grant.enterpriseId !== undefined && this.teams.get(teamId)?.enterpriseId === grant.enterpriseId;
  }

  /**
   * A bot token for an install; a workspace installing again keeps its working token, as on Slack,
   * which then carries the scopes of both installs (Slack's scopes only add up).
   */
  grantToken(grant: Grant): string {
    for (const [token, g] of this.grants) {
      if (this.revoked.has(token) || g.teamId !== grant.teamId || g.enterpriseId !== grant.enterpriseId) continue;
      g.scopes = [...new Set([...g.scopes, ...grant.scopes])];
      return token;
    }
    const token = `xoxb-${grant.teamId ?? grant.enterpriseId}-${mintSecret(24)}`;
    this.botTokens.add(token);
    this.grants.set(token, grant);
    return token;
  }

  /** The app is removed from a workspace (or an org-wide install from its org): its tokens stop working. */
  uninstall(id: string): string[] {
    const gone = [...this.grants].filter(([t, g]) => (g.teamId ?? g.enterpriseId) === id && !this.revoked.has(t)).map(([t]) => t);
    for (const t of gone) this.revoked.add(t);
    return gone;
  }

  now(): number {
    return this.clock() + this.offsetMs;
  }

  advanceTime(ms: number): void {
    this.offsetMs += ms;
  }

  addUser(u: UserSpec): void {
    this.users.set(u.id, { ...u });
    this.userTeams.set(u.id, u.teamId ?? this.teamId);
  }

  addChannel(c: ChannelSpec): ChannelRec {
    const rec: ChannelRec = {
      id: c.id,
      teamId: c.teamId ?? this.teamId,
      name: c.name,
      archived: c.archived ?? false,
      botIsMember: c.botIsMember ?? true,
      members: c.members,
      isPrivate: c.isPrivate ?? c.id.startsWith('G'),
      isIm: c.isIm ?? c.id.startsWith('D'),
      isMpim: false,
      user: c.user,
      created: Math.floor(this.now() / 1000),
    };
    this.channels.set(rec.id, rec);
    return rec;
  }

  /**
   * Resolves a channel id, `#name`/`name`, or a user id (→ the DM with that user). With a token's
   * grant, only what that token reaches: another workspace's channel is `channel_not_found`, as on Slack.
   */
  resolveChannel(ref: string | undefined, grant?: Grant): ChannelRec | undefined {
    const c = this.lookupChannel(ref);
    return c && this.reaches(grant, c.teamId) ? c : undefined;
  }

  /** A user the grant reaches. */
  userFor(id: string | undefined, grant?: Grant): UserSpec | undefined {
    const u = id ? this.users.get(id) : undefined;
    return u && this.reaches(grant, this.userTeams.get(u.id) ?? this.teamId) ? u : undefined;
  }

  private lookupChannel(ref: string | undefined): ChannelRec | undefined {
    if (!ref) return undefined;
    const direct = this.channels.get(ref);
    if (direct) return direct;
    if (/^[UW][A-Z0-9]+$/.test(ref) && this.users.has(ref)) return this.openDm([ref]);
    const name = ref.replace(/^#/, '');
    for (const c of this.channels.values()) if (c.name === name && !c.isIm) return c;
    return undefined;
  }

  /** Opens (or returns) the DM / group DM with these users. */
  openDm(users: string[]): ChannelRec {
    const key = [...users].sort().join(',');
    for (const c of this.channels.values()) {
      if ((c.isIm || c.isMpim) && [...(c.members ?? [])].sort().join(',') === key) return c;
    }
    const multi = users.length > 1;
    const rec = this.addChannel({
      id: mintId(multi ? 'G' : 'D', 10),
      name: multi ? `mpdm-${users.join('--')}-1` : users[0],
      isIm: !multi,
      isPrivate: true,
      members: [...users],
      user: multi ? undefined : users[0],
      teamId: this.userTeams.get(users[0]) ?? this.teamId,
    });
    rec.isMpim = multi;
    return rec;
  }

  isChannelMember(c: ChannelRec, user: string): boolean {
    return c.members ? c.members.includes(user) : this.users.has(user);
  }

  mintResponseUrl(ctx: { channel?: string; user?: string; messageTs?: string } = {}): ResponseUrlRec {
    const id = `${this.teamId}/${Date.now()}${Math.floor(Math.random() * 1e6)}/${mintSecret(24)}`;
    const rec: ResponseUrlRec = {
      id,
      url: `${this.baseUrl}/commands/${id}`,
      createdAt: this.now(),
      uses: 0,
      ...ctx,
    };
    this.responseUrls.set(id, rec);
    return rec;
  }

  createWebhook(channel: string): WebhookRec {
    const path = `/services/${this.teamId}/${mintId('B', 10)}/${mintSecret(24)}`;
    const rec: WebhookRec = { path, url: `${this.baseUrl}${path}`, channel };
    this.webhooks.set(path, rec);
    return rec;
  }

  findMessage(channel: string, ts: string): RecordedMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** A trigger_id for an interaction by `user`: views.open takes it once, within 3 s. */
  triggerId(user?: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${Math.floor(Math.random() * 1e12)}.${mintSecret(32)}`;
    this.surfaces.triggers.set(id, { issuedAt: this.now(), used: false, user });
    return id;
  }
}
