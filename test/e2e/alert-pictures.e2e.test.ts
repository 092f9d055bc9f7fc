// End to end: a new leader's alert carries the chart of the moment to a Discord bot channel and to a
// Discord webhook (multipart files[0], shown in the embed); the outbox keeps only the picture's
// description, never the PNG. Whole app (createApp), fake OpenRouter, fake Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fakes/discord/index.js';
import { decode } from '../render/png.js';
import { ALPHA, BETA, EVIL, openRouterWorld, pollAndDeliver, startApp, type E2eApp, type OpenRouterWorld } from './support.js';

let world: OpenRouterWorld;
let fake: FakeDiscord;
let e2e: E2eApp;
let channel: string;
let hook: { id: string; url: string };

beforeAll(async () => {
  world = await openRouterWorld('Evil Model');
  fake = await startFakeDiscord({ rateLimits: { channelMessages: { limit: 50, windowMs: 1000 } }, guilds: [{ name: 'Fake Guild', channels: [{ name: 'alerts' }, { name: 'hooked' }] }] });
  channel = fake.guilds[0].channelIds[0];
  hook = fake.createWebhook(fake.guilds[0].channelIds[1], 'Rank alerts');
  e2e = await startApp(world, { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_WEBHOOK_URLS: hook.url }, { paced: false });
  await e2e.app.start({ schedule: false });
  await e2e.app.settings.setAlerts({ dest: { kind: 'discord-channel', channelId: channel, guildId: fake.defaultGuildId! }, types: ['new_leader'], charts: ['daily'], by: { platform: 'discord', userId: '311111111111111111' }, at: '2026-03-12T00:00:00.000Z' });
}, 30_000);

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
  await world?.fake.close();
});

/** The message's one attachment, checked to be the PNG its first embed shows, decoded. */
async function pictureOf(msg: Json) {
  expect(msg.attachments).toHaveLength(1);
  const [file] = msg.attachments as { filename: string; url: string; content_type: string; description?: string }[];
  expect(msg.embeds[0].image).toEqual({ url: `attachment://${file.filename}` });
  expect(file.content_type).toBe('image/png');
  const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
  return { file, png: decode(bytes), bytes };
}

describe('alert pictures on Discord, end to end', () => {
  it('given a new leader, then the bot channel and the webhook each get the embed with the chart of the moment attached', async () => {
    const day = world.completeDay({ [ALPHA]: 1000, [BETA]: 1200, [EVIL]: 100 });
    const polled = await pollAndDeliver(e2e.app);
    expect(polled!.events).toBeGreaterThanOrEqual(1);

    const [posted] = fake.messages(channel);
    expect(posted.embeds[0].title).toMatch(/^Beta Two takes #1 on the daily chart/);
    const bot = await pictureOf(posted);
    expect(bot.file.filename).toBe(`new-leader-daily-${day}.png`);
    expect(bot.file.description).toMatch(/^Line chart: daily tokens over the 14 days to /);
    expect(bot.png.width).toBe(720);
    const botPost = fake.requests.find((r) => r.method === 'POST' && r.route === `/channels/${channel}/messages`)!;
    expect(botPost.files.map((f) => f.field)).toEqual(['files[0]']);
    expect(botPost.body).toMatchObject({ enforce_nonce: true, attachments: [{ id: 0, filename: bot.file.filename }] });

    // The webhook gets every default type; the new leader's alert is the one with the picture.
    const viaHook = fake.webhookMessages(hook.id).find((m) => /^Beta Two takes #1 on the daily chart/.test(m.embeds[0].title))!;
    const hooked = await pictureOf(viaHook);
    expect(hooked.file.filename).toBe(bot.file.filename);
    expect(hooked.bytes.equals(bot.bytes)).toBe(true); // drawn once, from the cache
    expect(e2e.logger.errors()).toEqual([]);
  });

  it('given an alert in the outbox, then it holds the picture description, not the PNG', async () => {
    const day = world.completeDay({ [ALPHA]: 1300, [BETA]: 1200, [EVIL]: 100 });
    await e2e.app.poller.pollOnce();
    const pending = await e2e.app.outbox.pending();
    const alert = pending.find((p) => p.alert.eventId === `new_leader:daily:${day}:${ALPHA}`)?.alert;
    expect(alert?.picture).toEqual({ kind: 'moment', type: 'new_leader', chart: 'daily', period: day, subject: ALPHA, versus: BETA });
    expect(JSON.stringify(alert).length).toBeLessThan(2000);
    await e2e.app.deliverer.idle();
    const [posted] = fake.messages(channel).filter((m) => m.embeds[0].title.startsWith('Alpha One takes #1'));
    expect((await pictureOf(posted)).file.filename).toBe(`new-leader-daily-${day}.png`);
    const others = fake.webhookMessages(hook.id).filter((m) => !/takes #1|record/i.test(m.embeds[0].title));
    for (const m of others) expect(m.attachments).toEqual([]); // only new_leader and record_day carry one
  });
});
