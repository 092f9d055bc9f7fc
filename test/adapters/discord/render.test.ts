import { describe, expect, it, test } from 'vitest';
import type { Reply } from '../../../commands/reply.js';
import { embedSize } from '../../../src/adapters/discord/embed.js';
import { buttonRows, renderAlert, renderReply, renderText, type DiscordMessage } from '../../../src/adapters/discord/render.js';
import { LIMITS } from '../../../src/adapters/discord/text.js';
import { renderAlert as alertMessage, type AlertMessage } from '../../../src/domain/alert-message.js';
import { makeEvent } from '../../../src/domain/events.js';
import { allStrings, EVIL_NAME, EVIL_SLUG, LIVE_MENTION } from './support.js';

const QWEN: AlertMessage = {
  eventId: 'new_leader:daily:2026-04-04:qwen/qwen3.6-plus-04-02',
  headline: 'Qwen3.6 Plus takes #1 on the daily chart with 1.42T tokens, ahead of Claude Sonnet 4.6',
  figures: [
    ['Tokens', '1.42T'],
    ['Rank', '#1'],
    ['Previous #1', 'Claude Sonnet 4.6 (1.31T)'],
  ],
  url: 'https://openrouter.ai/qwen/qwen3.6-plus',
  linkLabel: 'Qwen3.6 Plus on OpenRouter',
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-04-05T02:40:00Z',
  followModel: 'qwen/qwen3.6-plus-04-02',
  day: '2026-04-04',
};

/** Every limit Discord enforces on a message body (resources/message.mdx). */
function expectWithinLimits(msg: DiscordMessage): void {
  expect(msg.allowed_mentions).toEqual({ parse: [] });
  expect((msg.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  const embeds = msg.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.total);
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  for (const row of msg.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
  }
}

describe('renderAlert', () => {
  it('given a new leader, then one embed linking the model, figures as fields, the attribution footer and a Follow button', () => {
    const msg = renderAlert(QWEN);
    expectWithinLimits(msg);
    expect(msg).toMatchInlineSnapshot(`
      {
        "allowed_mentions": {
          "parse": [],
        },
        "components": [
          {
            "components": [
              {
                "custom_id": "follow:qwen/qwen3.6-plus-04-02",
                "label": "Follow this model",
                "style": 2,
                "type": 2,
              },
            ],
            "type": 1,
          },
        ],
        "embeds": [
          {
            "color": 6580210,
            "description": "[Qwen3.6 Plus on OpenRouter](https://openrouter.ai/qwen/qwen3.6-plus)",
            "fields": [
              {
                "inline": true,
                "name": "Tokens",
                "value": "1.42T",
              },
              {
                "inline": true,
                "name": "Rank",
                "value": "#1",
              },
              {
                "inline": true,
                "name": "Previous #1",
                "value": "Claude Sonnet 4.6 (1.31T)",
              },
            ],
            "footer": {
              "text": "Source: OpenRouter (openrouter.ai/rankings), as of 2026-04-05T02:40:00Z",
            },
            "title": "Qwen3.6 Plus takes #1 on the daily chart with 1.42T tokens, ahead of Claude Sonnet 4.6",
            "url": "https://openrouter.ai/qwen/qwen3.6-plus",
          },
        ],
      }
    `);
  });

  it('given a platform event (no model), then no Follow button; given followButton false (webhooks), then none either', () => {
    const { followModel: _none, ...platform } = QWEN;
    expect(renderAlert(platform).components).toBeUndefined();
    expect(renderAlert(QWEN, { followButton: false }).components).toBeUndefined();
  });

  it('given a permaslug that would make the custom_id longer than 100 characters, then the button carries its short id', () => {
    const long = `vendor/${'x'.repeat(100)}`;
    const [row] = renderAlert({ ...QWEN, followModel: long }).components!;
    expect((row.components[0] as { custom_id: string }).custom_id).toMatch(/^follow-id:[\w-]{22}$/);
    expect(buttonRows([{ id: `follow:${'y'.repeat(93)}`, label: 'ok' }])[0].components).toHaveLength(1); // exactly 100
  });

  it('given a headline longer than the title limit, then the title is cut and the full headline is in the description', () => {
    const headline = `${'Very long model name '.repeat(20)}takes #1`;
    const [embed] = renderAlert({ ...QWEN, headline }).embeds!;
    expect(embed.title).toHaveLength(LIMITS.title);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.description).toContain(headline);
  });

  it('given a model named to ping everyone and a role, then allowed_mentions parses nothing and no live mention remains', () => {
    const event = makeEvent({ type: 'new_leader', chart: 'daily', period: '2026-03-11', day: '2026-03-11', subject: EVIL_SLUG, tokens: 1_200_000_000_000n, rank: 1, previous: { subject: 'qwen/q', tokens: 990_000_000_000n } });
    const names = new Map([[EVIL_SLUG, { id: EVIL_SLUG, name: EVIL_NAME }]]);
    const msg = renderAlert(alertMessage(event, names, '2026-03-11T06:00:00Z'));
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.embeds![0].title).toContain('Evil @\u200beveryone <@\u200b&123456789012345678>');
    for (const s of allStrings(msg)) expect(s).not.toMatch(LIVE_MENTION);
    expectWithinLimits(msg);
  });
});

const MARKUP = '[click](https://evil.example) *bold* _x_ ~s~ `c`';
const INERT = '\\[click\\](https://evil.example) \\*bold\\* \\_x\\_ \\~s\\~ \\`c\\`';

describe('model names with markdown', () => {
  it('given a model named with a masked link and formatting, then every place the alert shows it is escaped', () => {
    const slug = 'evil/markup';
    const event = makeEvent({ type: 'new_leader', chart: 'daily', period: '2026-03-11', day: '2026-03-11', subject: slug, tokens: 1_200_000_000_000n, rank: 1, previous: { subject: 'qwen/q', tokens: 990_000_000_000n } });
    const names = new Map([[slug, { id: slug, name: MARKUP }]]);
    const message = alertMessage(event, names, '2026-03-11T06:00:00Z');
    const [embed] = renderAlert(message).embeds!;
    expect(embed.title!.startsWith(`${INERT} takes #1 on the daily chart`)).toBe(true);
    expect(embed.description).toBe(`[${INERT} on OpenRouter](https://openrouter.ai/evil/markup)`);
    for (const text of allStrings(renderAlert(message))) expect(text).not.toMatch(/(^|[^\\])\[click/);
    const long = renderAlert({ ...message, headline: `${MARKUP} ${'x'.repeat(300)}`, figures: [[MARKUP, `Previous: ${MARKUP}`]] }).embeds![0];
    expect(long.description!.startsWith(`${INERT} x`)).toBe(true);
    expect(long.fields).toEqual([{ name: INERT, value: `Previous: ${INERT}`, inline: true }]);
  });

  it('given markup at the start of a line, then quotes, headings, lists and subtext are inert; mid-line they stay as typed', () => {
    const [embed] = renderReply({ title: 't', fields: [{ label: 'x', value: '> quote\n# head\n- item\n-# small\n1. one\nA - B #1 (x) 1.5T' }] }).embeds!;
    expect(embed.fields![0].value).toBe('\\> quote\n\\# head\n\\- item\n\\-# small\n1\\. one\nA - B #1 (x) 1.5T');
  });

  it('given a single underscore inside a word, then it stays unescaped (Discord reads no italics there); at a word\'s edge or doubled it is escaped', () => {
    expect(renderText('types: new_leader; _x_ a__b__c').content).toBe('types: new_leader; \\_x\\_ a\\_\\_b\\_\\_c');
  });

  it('given a model URL with a parenthesis, then the masked link cannot be closed early', () => {
    const [embed] = renderAlert({ ...QWEN, url: 'https://openrouter.ai/x)[y](https://evil.example' }).embeds!;
    expect(embed.description).toBe('[Qwen3.6 Plus on OpenRouter](https://openrouter.ai/x%29[y]%28https://evil.example)');
  });

  it('given a reply whose text names the model beside **bold**, then the bold stays and the name is inert, in content and in embeds', () => {
    expect(renderReply({ text: `**Following** ${MARKUP}` }).content).toBe(`**Following** ${INERT}`);
    expect(renderReply({ title: 'Model', text: `**${MARKUP}**`, fields: [{ label: 'Name', value: MARKUP }] }).embeds![0]).toMatchObject({
      description: `**${INERT}**`,
      fields: [{ name: 'Name', value: INERT }],
    });
    expect(renderText(`Test alert: ${MARKUP}`).content).toBe(`Test alert: ${INERT}`);
  });
});

describe('renderReply', () => {
  it('given only text, then plain content; personal replies are ephemeral (flags 64)', () => {
    expect(renderReply({ text: 'Following **Qwen3.6 Plus** in your DMs.', ephemeral: true })).toMatchInlineSnapshot(`
      {
        "allowed_mentions": {
          "parse": [],
        },
        "content": "Following **Qwen3.6 Plus** in your DMs.",
        "flags": 64,
      }
    `);
  });

  it('given a title, a table, a link, a footer and a button, then one embed with the table as a code block', () => {
    const reply: Reply = {
      title: 'Daily chart, 2026-03-11 (UTC)',
      table: { columns: ['#', 'Model', 'Tokens'], rows: [['1', 'Qwen3.6 Plus', '990B'], ['2', 'GPT-5', '400B']], align: ['right', 'left', 'right'] },
      url: 'https://openrouter.ai/rankings',
      footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
      buttons: [{ id: 'follow:qwen/qwen3.6-plus-04-02', label: 'Follow Qwen3.6 Plus' }],
    };
    const msg = renderReply(reply);
    expectWithinLimits(msg);
    expect(msg.embeds![0]).toMatchInlineSnapshot(`
      {
        "color": 6580210,
        "description": "\`\`\`
      # Model        Tokens
      ─ ──────────── ──────
      1 Qwen3.6 Plus   990B
      2 GPT-5          400B
      \`\`\`",
        "footer": {
          "text": "Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z",
        },
        "title": "Daily chart, 2026-03-11 (UTC)",
        "url": "https://openrouter.ai/rankings",
      }
    `);
    expect(msg.components![0].components[0]).toMatchObject({ custom_id: 'follow:qwen/qwen3.6-plus-04-02', label: 'Follow Qwen3.6 Plus' });
    expect(msg.flags).toBeUndefined();
  });

  it('given a reply far over 6000 characters, then every limit holds, the footer stays and whole table rows are kept', () => {
    const reply: Reply = {
      title: 'T'.repeat(400),
      text: 'x'.repeat(5000),
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `Field ${i} ${'n'.repeat(300)}`, value: 'v'.repeat(2000) })),
      table: { columns: ['#', 'Model'], rows: Array.from({ length: 300 }, (_, i) => [String(i + 1), `model-${i}`]) },
      footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
      buttons: Array.from({ length: 30 }, (_, i) => ({ id: `b:${i}`, label: `B${i}` })),
    };
    const msg = renderReply(reply);
    expectWithinLimits(msg);
    const [embed] = msg.embeds!;
    expect(embedSize(embed)).toBeGreaterThan(5000);
    expect(embed.footer?.text).toBe(reply.footer);
    expect(msg.components).toHaveLength(LIMITS.rows);
  });

  test.each([
    ['a long text only', { text: 'y'.repeat(2500) }],
    ['a long table only', { table: { columns: ['Model'], rows: Array.from({ length: 500 }, (_, i) => [`model-${i}-${'z'.repeat(30)}`]) } }],
    ['25 full fields', { title: 'x', fields: Array.from({ length: 25 }, () => ({ label: 'n'.repeat(256), value: 'v'.repeat(1024) })) }],
  ] as [string, Reply][])('given %s, then the message is within every limit', (_name, reply) => {
    expectWithinLimits(renderReply(reply));
  });

  it('given a table cut to fit, then it says how many rows did not fit', () => {
    const msg = renderReply({ table: { columns: ['Model'], rows: Array.from({ length: 500 }, (_, i) => [`model-${i}-${'z'.repeat(30)}`]) } });
    expect(msg.embeds![0].description).toMatch(/\n… \d+ more rows$/);
  });

  it('given text that mentions everyone, then content is neutralised as well as allowed_mentions', () => {
    const msg = renderText('@everyone look at <@&123456789012345678> and @here');
    expect(msg).toEqual({ content: '@\u200beveryone look at <@\u200b&123456789012345678> and @\u200bhere', allowed_mentions: { parse: [] } });
  });
});
