// Proves test/fakes/discord against the REAL discord.js 14 / @discordjs/rest over loopback.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  RESTEvents,
  Routes,
  SlashCommandBuilder,
  WebhookClient,
  type Interaction,
  type RateLimitData,
  type TextChannel,
} from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeDiscord;
let client: Client;
let channel: TextChannel;
const rateLimited: RateLimitData[] = [];
const handlerErrors: unknown[] = [];
/** Interaction handlers by command name / custom_id, set per test. */
const handlers = new Map<string, (i: Interaction) => Promise<unknown>>();

beforeAll(async () => {
  // Discord's default of 5 messages / 5 s per channel would make this suite slow; tests may loosen it.
  fake = await startFakeDiscord({ heartbeatIntervalMs: 300, rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } } });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.url, offset: 0 } });
  client.rest.on(RESTEvents.RateLimited, (d) => rateLimited.push(d));
  client.on(Events.InteractionCreate, (i) => {
    const key = i.isChatInputCommand() || i.isAutocomplete() ? i.commandName : i.isButton() ? i.customId : '';
    handlers.get(key)?.(i).catch((err: unknown) => handlerErrors.push(err));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  channel = (await client.channels.fetch(fake.defaultChannelId!)) as TextChannel;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('gateway and channel messages', () => {
  it('logs in, becomes ready and caches the guild channel', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user!.id).toBe(fake.botUser.id);
    expect(client.application!.id).toBe(fake.applicationId);
    expect(channel.id).toBe(fake.defaultChannelId);
    expect(channel.guild.id).toBe(fake.defaultGuildId);
    const identify = fake.gatewayFrames.find((f) => f.op === 2);
    expect(identify?.d).toMatchObject({ token: fake.token, intents: GatewayIntentBits.Guilds });
  });

  it('answers heartbeats', async () => {
    await vi.waitFor(() => {
      expect(fake.gatewayFrames.some((f) => f.op === 1)).toBe(true);
      expect(client.ws.ping).toBeGreaterThanOrEqual(0); // set once the op 11 ACK arrived
    }, { timeout: 3000 });
  });

  it('records channel.send() with bot auth and honest rate-limit headers', async () => {
    const sent = await channel.send('hello world');
    expect(sent.content).toBe('hello world');
    expect(fake.messages(channel.id).map((m) => m.content)).toContain('hello world');
    const req = fake.requests.findLast((r) => r.method === 'POST' && r.route === `/channels/${channel.id}/messages`)!;
    expect(req.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(req.body).toMatchObject({ content: 'hello world' });
    expect(req.status).toBe(200);
    const res = await fetch(`${fake.url}/v10/channels/${channel.id}`, { headers: { Authorization: `Bot ${fake.token}` } });
    expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uploads files as multipart and serves the attachment', async () => {
    const sent = await channel.send({ content: 'chart', files: [{ attachment: Buffer.from('PNGDATA'), name: 'chart.png' }] });
    const req = fake.requests.findLast((r) => r.route === `/channels/${channel.id}/messages`)!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req.files[0]).toMatchObject({ field: 'files[0]', filename: 'chart.png' });
    const att = sent.attachments.first()!;
    expect(att.name).toBe('chart.png');
    expect(Buffer.from(await (await fetch(att.url)).arrayBuffer()).toString()).toBe('PNGDATA');
  });

  it('rejects an oversized embed with 400 50035', async () => {
    const err = await channel.send({ embeds: [{ title: 'x'.repeat(300) }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    const e = err as DiscordAPIError;
    expect(e.status).toBe(400);
    expect(e.code).toBe(50035);
    expect((e.rawError as any).errors.embeds['0'].title._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
  });

  it('rejects empty messages (50006), parse+users mentions and >6000 embed chars (50035)', async () => {
    const post = (body: unknown) => client.rest.post(Routes.channelMessages(channel.id), { body }).catch((e: DiscordAPIError) => e);
    expect(((await post({ content: '   ' })) as DiscordAPIError).code).toBe(50006);
    const mentions = (await post({ content: 'hi', allowed_mentions: { parse: ['users'], users: ['123456789012345678'] } })) as DiscordAPIError;
    expect(mentions.code).toBe(50035);
    const big = Array.from({ length: 2 }, () => ({ description: 'y'.repeat(3500) }));
    const total = (await post({ embeds: big })) as DiscordAPIError;
    expect((total.rawError as any).errors.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('de-duplicates creates with nonce + enforce_nonce', async () => {
    const before = fake.messages(channel.id).length;
    const a = await channel.send({ content: 'once', nonce: 'nonce-1', enforceNonce: true });
    const b = await channel.send({ content: 'once', nonce: 'nonce-1', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.messages(channel.id).length).toBe(before + 1);
    const c = await channel.send({ content: 'once', nonce: 'nonce-1' }); // no enforce_nonce → new message
    expect(c.id).not.toBe(a.id);
  });

  it('opens a DM and sends to it', async () => {
    const userId = fake.defaultUser.id;
    const dmMsg = await client.users.send(userId, 'psst');
    const dm = fake.requests.findLast((r) => r.route === '/users/@me/channels')!;
    expect(dm.body).toEqual({ recipient_id: userId });
    expect(fake.messages(dmMsg.channelId).map((m) => m.content)).toEqual(['psst']);
  });

  it('requires bot auth (401) and sends 204 without a content type', async () => {
    const res = await fetch(`${fake.url}/v10/channels/${channel.id}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const msg = await channel.send('to delete');
    const del = await fetch(`${fake.url}/v10/channels/${channel.id}/messages/${msg.id}`, {
      method: 'DELETE', headers: { Authorization: `Bot ${fake.token}` },
    });
    expect(del.status).toBe(204);
    expect(del.headers.get('content-type')).toBeNull();
    const bad = await fetch(`${fake.url}/v10/channels/${channel.id}/messages`, {
      method: 'POST', headers: { Authorization: `Bot ${fake.token}`, 'Content-Type': 'application/json' }, body: '{nope',
    });
    expect(await bad.json()).toMatchObject({ code: 50109 });
  });

  it('sends GUILD_CREATE for guilds added later and survives an op 7 reconnect (RESUME)', async () => {
    const joined = new Promise<string>((resolve) => client.once(Events.GuildCreate, (g) => resolve(g.id)));
    const g = fake.addGuild({ name: 'Second', channels: [{ name: 'alerts' }], roles: [{ name: 'mods', permissions: '8' }] });
    expect(await joined).toBe(g.id);
    expect(client.guilds.cache.get(g.id)?.channels.cache.size).toBe(1);

    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.requestReconnect();
    await resumed;
    expect(fake.gatewayFrames.some((f) => f.op === 6)).toBe(true);
    handlers.set('after-resume', (i) => (i as any).reply('still here'));
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'after-resume' }));
    expect(res.callback.data?.content).toBe('still here');
  });

  it('deleted channel → 10003, permission denied → 50001', async () => {
    const gone = fake.addChannel(fake.defaultGuildId!, { name: 'gone' });
    const locked = fake.addChannel(fake.defaultGuildId!, { name: 'locked' });
    const goneCh = (await client.channels.fetch(gone.id)) as TextChannel;
    const lockedCh = (await client.channels.fetch(locked.id)) as TextChannel;
    fake.deleteChannel(gone.id);
    fake.setChannelPermissionDenied(locked.id);
    await expect(goneCh.send('x')).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(lockedCh.send('x')).rejects.toMatchObject({ code: 50001, status: 403 });
  });
});

describe('rate limits and faults', () => {
  it('retries a scripted 429 (retryAfter 0.1) transparently and emits rateLimited', async () => {
    rateLimited.length = 0;
    fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 0.1 });
    const t0 = Date.now();
    const sent = await channel.send('after 429');
    expect(sent.content).toBe('after 429');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(rateLimited.length).toBeGreaterThanOrEqual(1);
    expect(rateLimited[0]).toMatchObject({ global: false, method: 'POST' });
    const statuses = fake.requests.filter((r) => r.at >= t0 && r.method === 'POST').map((r) => r.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('retries 5xx and surfaces scripted 404/403 codes', async () => {
    fake.failNext({ path: `/channels/${channel.id}/messages`, status: 502 });
    await expect(channel.send('after 502')).resolves.toBeTruthy();
    fake.failNext({ path: `/channels/${channel.id}/messages`, status: 404, body: { code: 10003, message: 'Unknown Channel' } });
    await expect(channel.send('x')).rejects.toMatchObject({ code: 10003 });
    expect(fake.pendingFaults()).toBe(0);
  });

  it('handles a global 429', async () => {
    rateLimited.length = 0;
    fake.failNext({ path: /messages$/, status: 429, retryAfter: 0.1, global: true });
    await channel.send('after global');
    expect(rateLimited.some((r) => r.global)).toBe(true);
    const hit = fake.requests.findLast((r) => r.status === 429)!;
    expect(hit.responseBody).toMatchObject({ global: true, message: 'You are being rate limited.' });
  });

  it('per-channel bucket headers make discord.js wait instead of hitting 429', async () => {
    fake.setRateLimits({ channelMessages: { limit: 2, windowMs: 400 } });
    rateLimited.length = 0;
    const busy = fake.addChannel(fake.defaultGuildId!, { name: 'busy' });
    const ch = (await client.channels.fetch(busy.id)) as TextChannel;
    const t0 = Date.now();
    await Promise.all([1, 2, 3, 4, 5].map((n) => ch.send(`burst ${n}`)));
    expect(fake.messages(busy.id)).toHaveLength(5);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(700); // 3 windows of 400 ms
    expect(rateLimited.some((r) => r.majorParameter === busy.id)).toBe(true);
    expect(fake.requests.filter((r) => r.route === `/channels/${busy.id}/messages` && r.status === 429)).toHaveLength(0);
    fake.setRateLimits({ channelMessages: { limit: 50, windowMs: 1000 } });
  });

  it('limits webhook executes per webhook and bot requests globally', async () => {
    fake.setRateLimits({ webhookExecute: { limit: 2, windowMs: 300 } });
    const hook = fake.createWebhook(channel.id);
    const wc = new WebhookClient({ id: hook.id, token: hook.token }, { rest: { api: fake.url, offset: 0 } });
    try {
      await Promise.all([1, 2, 3, 4].map((n) => wc.send(`hook ${n}`)));
      expect(fake.webhookMessages(hook.id)).toHaveLength(4);
      expect(fake.requests.filter((r) => r.route === `/webhooks/${hook.id}/${hook.token}` && r.status === 429)).toHaveLength(0);
    } finally {
      wc.destroy();
    }
    fake.setRateLimits({ global: { limit: 2, windowMs: 1000 } });
    const get = () => fetch(`${fake.url}/v10/channels/${channel.id}`, { headers: { Authorization: `Bot ${fake.token}` } });
    await get();
    await get();
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.headers.get('x-ratelimit-global')).toBe('true');
    expect(third.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await third.json()).toMatchObject({ global: true });
    fake.setRateLimits({ global: { limit: 50, windowMs: 1000 }, webhookExecute: { limit: 5, windowMs: 2000 } });
  });

  it('answers 429 with honest headers when a raw client ignores them', async () => {
    fake.setRateLimits({ channelMessages: { limit: 1, windowMs: 5000 } });
    const send = () => fetch(`${fake.url}/v10/channels/${channel.id}/messages`, {
      method: 'POST', headers: { Authorization: `Bot ${fake.token}`, 'Content-Type': 'application/json' }, body: '{"content":"raw"}',
    });
    expect((await send()).status).toBe(200);
    const res = await send();
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    fake.setRateLimits({ channelMessages: { limit: 50, windowMs: 1000 } });
  });
});

describe('interactions', () => {
  it('resolves dispatchInteraction with interaction.reply()', async () => {
    handlers.set('ping', (i) => (i as any).reply({ content: 'pong' }));
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'ping', memberPermissions: '8' }));
    expect(res.callback).toMatchObject({ type: 4, data: { content: 'pong' } });
    expect(res.original()?.content).toBe('pong');
    const cb = fake.requests.findLast((r) => r.route.endsWith('/callback'))!;
    expect(cb.headers.authorization).toBeUndefined();
    expect(cb.status).toBe(204);
  });

  it('passes options and member permissions through to discord.js', async () => {
    let seen: { window?: string | null; admin?: boolean; guild?: string | null } = {};
    handlers.set('top', async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = { window: i.options.getString('window'), admin: i.memberPermissions?.has('Administrator'), guild: i.guildId };
      await i.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    const res = await fake.dispatchInteraction(
      fake.chatInput({ name: 'top', options: [{ name: 'window', type: 3, value: 'week' }], memberPermissions: '8' }),
    );
    expect(seen).toEqual({ window: 'week', admin: true, guild: fake.defaultGuildId });
    expect(res.callback.data?.flags).toBe(64);
    expect(fake.messages(channel.id).some((m) => m.content === 'ok')).toBe(false); // ephemeral: not in channel
  });

  it('supports deferReply + editReply + followUp', async () => {
    handlers.set('slow', async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await sleep(50);
      await i.editReply('done');
      await i.followUp({ content: 'more', files: [{ attachment: Buffer.from('x'), name: 'x.txt' }] });
    });
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'slow' }));
    expect(res.callback.type).toBe(5);
    await vi.waitFor(() => expect(res.followUps()).toHaveLength(1));
    expect(res.original()?.content).toBe('done');
    expect(res.original()!.flags & 128).toBe(0);
    expect(res.followUps()[0]).toMatchObject({ content: 'more' });
    const edit = fake.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(edit?.route).toBe(`/webhooks/${fake.applicationId}/${res.token}/messages/@original`);
  });

  it('answers autocomplete (type 8) and button clicks (type 7)', async () => {
    handlers.set('model', async (i) => {
      if (i.isAutocomplete()) await i.respond([{ name: `${String(i.options.getFocused())}-1`, value: 'a' }]);
    });
    const ac = await fake.dispatchInteraction(fake.autocomplete({ name: 'model', focused: { name: 'q', value: 'gp' } }));
    expect(ac.callback).toEqual({ type: 8, data: { choices: [{ name: 'gp-1', value: 'a' }] } });

    const msg = await channel.send({ content: 'pick', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Go', custom_id: 'go' }] }] });
    handlers.set('go', async (i) => {
      if (i.isButton()) await i.update({ content: 'clicked', components: [] });
    });
    const click = await fake.dispatchInteraction(fake.buttonClick({ custom_id: 'go', messageId: msg.id }));
    expect(click.callback.type).toBe(7);
    expect(fake.messages(channel.id).find((m) => m.id === msg.id)?.content).toBe('clicked');
  });

  it('rejects a second callback with 40060', async () => {
    handlers.set('twice', (i) => (i as any).reply('first'));
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'twice' }));
    const again = await fetch(`${fake.url}/v10/interactions/${res.id}/${res.token}/callback`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 4, data: { content: 'again' } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' });
  });

  it('handles DM interactions and reply({ withResponse: true })', async () => {
    let info: { guild?: string | null; dm?: boolean; user?: string } = {};
    handlers.set('dm', async (i) => {
      if (!i.isChatInputCommand()) return;
      // i.channel is null here: discord.js only builds uncached DM channels with partials: [Partials.Channel].
      info = { guild: i.guildId, dm: !i.inGuild() && i.channel === null, user: i.user.id };
      const r = await i.reply({ content: 'in dm', withResponse: true });
      info.dm &&= r.resource?.message?.content === 'in dm';
    });
    const res = await fake.dispatchInteraction(fake.chatInput({ name: 'dm', guildId: null, userId: '123456789012345678' }));
    expect(res.payload.user.id).toBe('123456789012345678');
    expect(res.payload.member).toBeUndefined();
    await vi.waitFor(() => expect(info).toEqual({ guild: null, dm: true, user: '123456789012345678' }));
    const cb = fake.requests.findLast((r) => r.route.endsWith('/callback'))!;
    expect(cb.query.with_response).toBe('true');
    expect(cb.status).toBe(200);
  });

  it('rejects dispatchInteraction when nobody answers, and follow-ups before the ack', async () => {
    const p = fake.dispatchInteraction(fake.chatInput({ name: 'nobody-listens' }));
    const before = fake.requests.length; // no REST traffic expected from the bot
    const early = await fetch(`${fake.url}/v10/webhooks/${fake.applicationId}/not-a-token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"content":"x"}',
    });
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ code: 10015 });
    await expect(p).rejects.toThrow(/no callback within/);
    expect(fake.requests.length).toBe(before + 1);
  }, 10_000);

  it('fails a reply after the 3-second deadline with 10062 and rejects the dispatch promise', async () => {
    handlerErrors.length = 0;
    handlers.set('late', async (i) => {
      await sleep(3200);
      await (i as any).reply('too late');
    });
    await expect(fake.dispatchInteraction(fake.chatInput({ name: 'late' }))).rejects.toThrow(/no callback within 3000 ms/);
    await vi.waitFor(() => expect(handlerErrors).toHaveLength(1), { timeout: 2000 });
    expect(handlerErrors[0]).toMatchObject({ code: 10062, status: 404 });
  }, 10_000);
});

describe('webhooks and command registration', () => {
  it('executes a webhook through WebhookClient', async () => {
    const hook = fake.createWebhook(channel.id, 'Alerts');
    expect(hook.url).toBe(`${fake.url}/webhooks/${hook.id}/${hook.token}`);
    const wc = new WebhookClient({ id: hook.id, token: hook.token }, { rest: { api: fake.url, offset: 0 } });
    try {
      const msg = await wc.send({ content: 'from hook', username: 'Rank Alerts' });
      expect(msg.content).toBe('from hook');
      expect(fake.webhookMessages(hook.id)).toHaveLength(1);
      expect(fake.webhookMessages(hook.id)[0]).toMatchObject({ webhook_id: hook.id, author: { username: 'Rank Alerts' } });
      const req = fake.requests.findLast((r) => r.route === `/webhooks/${hook.id}/${hook.token}`)!;
      expect(req.query.wait).toBe('true');
      expect(req.headers.authorization).toBeUndefined();
      const noWait = await fetch(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"content":"x"}' });
      expect(noWait.status).toBe(204);
      expect(noWait.headers.get('content-type')).toBeNull();
      await expect(wc.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
    } finally {
      wc.destroy();
    }
  });

  it('bulk-overwrites commands with REST and validates them', async () => {
    const rest = new REST({ api: fake.url }).setToken(fake.token);
    const top = new SlashCommandBuilder()
      .setName('top').setDescription('Show the top models')
      .addStringOption((o) => o.setName('window').setDescription('Time window').setRequired(true).addChoices({ name: 'Week', value: 'week' }))
      .addIntegerOption((o) => o.setName('limit').setDescription('How many'))
      .toJSON();
    const stored = (await rest.put(Routes.applicationCommands(fake.applicationId), { body: [top] })) as any[];
    expect(stored[0]).toMatchObject({ name: 'top', application_id: fake.applicationId, type: 1 });
    expect(stored[0].id).toMatch(/^\d{17,19}$/);
    expect(fake.commands()).toHaveLength(1);
    const again = (await rest.put(Routes.applicationCommands(fake.applicationId), { body: [top] })) as any[];
    expect(again[0].id).toBe(stored[0].id); // same name keeps its id
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.defaultGuildId!), { body: [top] });
    expect(fake.commands(fake.defaultGuildId)).toHaveLength(1);
    expect(fake.chatInput({ name: 'top' }).data.id).toBe(fake.commands(fake.defaultGuildId)[0]!.id);

    const bad = (await rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [{ name: 'Bad Name', description: 'x' }],
    }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(bad.code).toBe(50035);
    expect((bad.rawError as any).errors['0'].name._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    const order = (await rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [{ name: 'x', description: 'x', options: [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }] }],
    }).catch((e: unknown) => e)) as DiscordAPIError;
    expect(order.code).toBe(50035);
    expect(fake.commands()[0]!.name).toBe('top'); // failed PUT changed nothing
    await expect(new REST({ api: fake.url }).setToken('wrong').get(Routes.applicationCommands(fake.applicationId))).rejects.toMatchObject({ status: 401 });
  });
});
