import { describe, expect, it } from 'vitest';
import { destinationKey, type Destination } from '../../src/delivery/destination.js';
import { conditionHolds, planFanOut } from '../../src/delivery/fan-out.js';
import { groupStories } from '../../src/delivery/stories.js';
import { renderAlert } from '../../src/domain/alert-message.js';
import { makeEvent, type ChartEvent } from '../../src/domain/events.js';
import { storyAlert, storyId } from '../../src/domain/story-alert.js';

const DAY = '2026-04-03';
const M = 'anthropic/claude-opus-4.6';
const T = 1_000_000_000_000n;
const ev = (type: ChartEvent['type'], o: Partial<ChartEvent> = {}) => makeEvent({ type, chart: 'daily', period: DAY, day: DAY, subject: M, tokens: 2n * T, rank: 1, ...o });
const leader = ev('new_leader', { previous: { subject: 'qwen/qwen3.6-plus-04-02' } });
const best = ev('personal_best');
const climb = ev('rank_change', { milestone: 1, previous: { rank: 6 } });
const weekly = ev('new_leader', { chart: 'weekly', period: '2026-W14' });
const other = ev('milestone', { subject: 'qwen/qwen3.6-plus-04-02', milestone: 1_000_000_000_000, rank: 2 });

const dm: Destination = { kind: 'discord-dm', userId: '1' };
const slackDm: Destination = { kind: 'slack-dm', teamId: 'T1', userId: 'U1' };
const channel: Destination = { kind: 'discord-channel', channelId: '2' };

/** Detection order (chart, then type) on purpose scrambled to show the type order decides the headline. */
const where = new Map<string, Destination[]>([
  [climb.id, [dm, slackDm]],
  [best.id, [dm, slackDm]],
  [leader.id, [dm, slackDm, channel]],
  [weekly.id, [channel]],
  [other.id, [channel]],
]);
const fanOut = (e: ChartEvent) => where.get(e.id) ?? [];

describe('groupStories: one story, one message per destination set', () => {
  const stories = groupStories([climb, best, leader, weekly, other], fanOut);
  const shape = stories.map((s) => ({ key: s.key, messages: s.messages.map((m) => ({ events: m.events.map((e) => e.id), dests: m.dests.map(destinationKey) })) }));

  it('given a busy day, then each subject is one story, each destination gets one message, and destinations with the same events share it', () => {
    expect(shape).toEqual([
      {
        key: `${DAY}|model|${M}`,
        messages: [
          { events: [leader.id, best.id, climb.id], dests: ['discord:user:1', 'slack:T1:user:U1'] },
          { events: [leader.id, weekly.id], dests: ['discord:channel:2'] },
        ],
      },
      { key: `${DAY}|model|qwen/qwen3.6-plus-04-02`, messages: [{ events: [other.id], dests: ['discord:channel:2'] }] },
    ]);
  });

  it('given the same input again, then the same messages come out (ids stable for job ids and nonces)', () => {
    const again = groupStories([climb, best, leader, weekly, other], fanOut);
    expect(again.flatMap((s) => s.messages.map((m) => storyId(m.events.map((e) => e.id))))).toEqual(stories.flatMap((s) => s.messages.map((m) => storyId(m.events.map((e) => e.id)))));
  });

  it('given an event no one wants, then it is in no story', () => {
    expect(groupStories([ev('debut', { milestone: 1 })], () => [])).toEqual([]);
  });
});

describe('storyAlert', () => {
  const names = new Map([[M, { name: 'Claude Opus 4.6', url: 'https://openrouter.ai/anthropic/claude-opus-4.6' }]]);
  const alerts = [leader, best, climb].map((e) => renderAlert(e, names as never, '2026-04-04T03:00:00.000Z'));
  const story = storyAlert(alerts);

  it('given three alerts, then the first is the headline with its figures, picture and follow, the others are lines, and every id is carried', () => {
    expect(story).toMatchObject({ headline: alerts[0].headline, figures: alerts[0].figures, picture: alerts[0].picture, followModel: M, lines: [alerts[1].headline, alerts[2].headline], eventIds: [leader.id, best.id, climb.id] });
    expect(story.eventId).toMatch(new RegExp(`^${leader.id.replace(/[.]/g, '\\.')}\\+[A-Za-z0-9_-]{10}$`));
  });

  it('given one alert, then it is that alert unchanged (its id is the event id)', () => {
    expect(storyAlert([alerts[1]])).toBe(alerts[1]);
  });
});

describe('conditionHolds: a subscription with conditions', () => {
  it.each([
    { given: 'no conditions', when: undefined, event: { type: 'rank_change', rank: 30 }, then: true },
    { given: 'events new_leader,milestone and a new_leader', when: { events: ['new_leader', 'milestone'] }, event: { type: 'new_leader', rank: 1 }, then: true },
    { given: 'events new_leader,milestone and a personal_best', when: { events: ['new_leader', 'milestone'] }, event: { type: 'personal_best', rank: 4 }, then: false },
    { given: 'top 5 and rank 5', when: { top: 5 }, event: { type: 'personal_best', rank: 5 }, then: true },
    { given: 'top 5 and rank 6', when: { top: 5 }, event: { type: 'rank_change', rank: 6 }, then: false },
    { given: 'top 5 and an event without a rank (a launch off the chart)', when: { top: 5 }, event: { type: 'launch_record' }, then: false },
    { given: 'both, type right but rank too low', when: { events: ['milestone'], top: 3 }, event: { type: 'milestone', rank: 4 }, then: false },
    { given: 'both, and both hold', when: { events: ['milestone'], top: 3 }, event: { type: 'milestone', rank: 2 }, then: true },
  ] as const)('given $given, then it fires: $then', ({ when, event, then }) => {
    expect(conditionHolds(when as never, event)).toBe(then);
  });
});

describe('planFanOut honours subscription conditions', () => {
  const qwen = 'qwen/qwen3.6-plus-04-02';
  const by = { platform: 'discord' as const, userId: '9' };
  const subs = new Map<string, { model: string; dest: Destination; by: typeof by; when?: { events?: ChartEvent['type'][]; top?: number } }[]>([
    [qwen, [
      { model: qwen, dest: { kind: 'discord-dm', userId: 'leaders' }, by, when: { events: ['new_leader'] } },
      { model: qwen, dest: { kind: 'discord-dm', userId: 'top3' }, by, when: { top: 3 } },
      { model: qwen, dest: { kind: 'discord-dm', userId: 'all' }, by },
    ]],
    ['lab:qwen', [{ model: 'lab:qwen', dest: { kind: 'discord-dm', userId: 'lab-milestones' }, by, when: { events: ['milestone'] } }]],
  ]);
  const audience = { alerts: [], disabled: new Set<string>(), subscribersOf: (m: string) => subs.get(m) ?? [] };
  const labOf = (slug: string) => slug.split('/')[0];

  it.each([
    { given: 'a new_leader (rank 1)', event: ev('new_leader', { subject: qwen }), then: ['leaders', 'top3', 'all'] },
    { given: 'a rank_change to #5', event: ev('rank_change', { subject: qwen, rank: 5, milestone: 5 }), then: ['all'] },
    { given: 'a personal_best at #2', event: ev('personal_best', { subject: qwen, rank: 2 }), then: ['top3', 'all'] },
    { given: 'a milestone at #8', event: ev('milestone', { subject: qwen, rank: 8, milestone: 1e12 }), then: ['all', 'lab-milestones'] },
  ])('given $given, then it reaches $then', ({ event, then }) => {
    expect(planFanOut(event, audience as never, labOf).map((d) => (d as { userId: string }).userId)).toEqual(then);
  });
});
