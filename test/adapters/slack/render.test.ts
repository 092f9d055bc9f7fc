import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../commands/reply.js';
import { buttonId, LIMITS, renderAlert, renderReply } from '../../../src/adapters/slack/render.js';
import { escapeMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import type { AlertMessage } from '../../../src/domain/alert-message.js';
import { checkBlocks } from '../../fakes/slack/index.js';
import { allStrings, EVIL_NAME, MENTION } from './support.js';

const alert: AlertMessage = {
  eventId: 'new_leader:daily:2026-03-11:evil/evil-model',
  headline: `${EVIL_NAME} takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus`,
  figures: [
    ['Tokens', '1.04T'],
    ['Rank', '#1'],
    ['Previous #1', 'Qwen3.6 Plus (990B)'],
    ['Period', '2026-03-11 (UTC)'],
  ],
  url: 'https://openrouter.ai/evil/evil-model',
  linkLabel: `${EVIL_NAME} on OpenRouter`,
  footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
  followModel: 'evil/evil-model',
  day: '2026-03-11',
};

describe('renderAlert', () => {
  it('given an alert about a model with a hostile name, renders header, fields, attribution, link and Follow button', () => {
    expect(renderAlert(alert)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Evil <!channel> & <!here> @everyone takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "fields": [
              {
                "text": "*Tokens*
      1.04T",
                "type": "mrkdwn",
              },
              {
                "text": "*Rank*
      #1",
                "type": "mrkdwn",
              },
              {
                "text": "*Previous #1*
      Qwen3.6 Plus (990B)",
                "type": "mrkdwn",
              },
              {
                "text": "*Period*
      2026-03-11 (UTC)",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z",
                "type": "mrkdwn",
              },
              {
                "text": "<https://openrouter.ai/evil/evil-model|Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone on OpenRouter>",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "elements": [
              {
                "action_id": "follow",
                "text": {
                  "emoji": true,
                  "text": "Follow this model",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "evil/evil-model",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone takes #1 on the daily chart with 1.04T tokens, ahead of Qwen3.6 Plus",
      }
    `);
  });

  it('given an alert with a hostile name, no string in the payload can mention anyone', () => {
    const rendered = renderAlert(alert);
    const mrkdwnStrings = allStrings(rendered.blocks.filter((b) => b.type !== 'header')).concat(rendered.text);
    expect(mrkdwnStrings.filter((s) => MENTION.test(s))).toEqual([]);
    expect(JSON.stringify(rendered)).toContain('Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone');
  });

  it('given a platform event (no followModel) or no interactivity, leaves the button out', () => {
    const platform = renderAlert({ ...alert, followModel: undefined });
    expect(platform.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(renderAlert(alert, { followButton: false }).blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });

  it('given a headline over 150 characters and 12 figures of 2500 characters, cuts everything to Slack limits', () => {
    const long: AlertMessage = {
      ...alert,
      headline: `${'A very long model name '.repeat(10)} takes #1`,
      figures: Array.from({ length: 12 }, (_, i): [string, string] => [`Figure ${i}`, '&'.repeat(2500)]),
    };
    const { blocks, text } = renderAlert(long);
    expect(checkBlocks(blocks).errors).toEqual([]);
    const header = blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    expect(blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(long.headline) } });
    const fields = (blocks[2] as { fields: { text: string }[] }).fields;
    expect(fields).toHaveLength(10);
    for (const f of fields) {
      expect(f.text.length).toBeLessThanOrEqual(2000);
      expect(f.text).toMatch(/&amp;…$/); // never half an entity
    }
    expect(text.length).toBeLessThanOrEqual(LIMITS.text);
  });
});

const MARKUP = '[click](https://evil.example) *bold* _x_ ~s~ `c`';
const INERT = '[click](https://evil.example) \u2217bold\u2217 \u02cdx\u02cd \u223cs\u223c \u02cbc\u02cb';
/** A formatting marker Slack would act on, anywhere in a mrkdwn string or the fallback text. */
const MARKER = /[*_~`]/;

describe('model names with mrkdwn', () => {
  it('given a model named with formatting, then the header, long-headline section, fields, link label and fallback text are all literal', () => {
    const named = { ...alert, headline: `${MARKUP} takes #1 ${'y'.repeat(160)}`, figures: [[MARKUP, `Previous: ${MARKUP}`]] as [string, string][], linkLabel: `${MARKUP} on OpenRouter` };
    const msg = renderAlert(named);
    expect(msg.text).toBe(`${INERT} takes #1 ${'y'.repeat(160)}`);
    const [header, long, fields, context] = msg.blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
    expect(header.text!.text.startsWith(MARKUP)).toBe(true); // plain_text: Slack formats nothing there
    expect(long.text!.text.startsWith(`${INERT} takes #1`)).toBe(true);
    expect(fields.fields![0].text).toBe(`*${INERT}*\nPrevious: ${INERT}`);
    expect(context.elements![1].text).toBe(`<https://openrouter.ai/evil/evil-model|${INERT} on OpenRouter>`);
  });

  it('given a reply naming the model in text, fields and title, then only the neutral **bold** and our field labels are bold', () => {
    const msg = renderReply({ title: MARKUP, text: `**Following** ${MARKUP}`, fields: [{ label: MARKUP, value: MARKUP, inline: true }, { label: 'Name', value: MARKUP }], footer: MARKUP });
    expect(msg.text).toBe(`${INERT}\nFollowing ${INERT}`);
    const mrkdwnTexts = allStrings(msg.blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwnTexts).toContain(`*Following* ${INERT}`);
    expect(mrkdwnTexts).toContain(`*${INERT}*\n${INERT}`);
    expect(mrkdwnTexts).toContain(`*Name*\n${INERT}`);
    expect(mrkdwnTexts).toContain(INERT);
    const bare = (t: string) => t.replace(/^\*Following\* /, '').replace(/^\*([^*\n]+)\*\n/, '$1\n');
    for (const t of mrkdwnTexts.filter((t) => t !== 'mrkdwn' && t !== 'section' && t !== 'context')) expect(bare(t)).not.toMatch(MARKER);
  });
});

describe('renderReply', () => {
  const reply: Reply = {
    title: `${EVIL_NAME}`,
    text: 'Model **evil/evil-model** <@U0ALICE001>',
    fields: [
      { label: 'Today (2026-03-11 UTC)', value: '#1 · 1.04T tokens', inline: true },
      { label: 'Share of the day', value: '41.6%', inline: true },
      { label: 'Last 7 days', value: '▁▃▅▆▇█ 560B → 1.04T' },
      { label: 'Days at #1 (daily)', value: '3', inline: true },
    ],
    table: { columns: ['#', 'Model', 'Tokens'], align: ['right', 'left', 'right'], rows: [['1', EVIL_NAME, '1.04T'], ['2', 'Qwen3.6 Plus', '990B']] },
    url: 'https://openrouter.ai/evil/evil-model',
    footer: 'Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z',
    buttons: [{ id: 'follow:evil/evil-model', label: 'Follow this model' }],
  };

  it('given a full reply, renders header, bold text, fields, the table as code, footer, link and buttons', () => {
    expect(renderReply(reply)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Evil <!channel> & <!here> @everyone",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "Model *evil/evil-model* &lt;@U0ALICE001&gt;",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "fields": [
              {
                "text": "*Today (2026-03-11 UTC)*
      #1 · 1.04T tokens",
                "type": "mrkdwn",
              },
              {
                "text": "*Share of the day*
      41.6%",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "text": {
              "text": "*Last 7 days*
      ▁▃▅▆▇█ 560B → 1.04T",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "fields": [
              {
                "text": "*Days at #1 (daily)*
      3",
                "type": "mrkdwn",
              },
            ],
            "type": "section",
          },
          {
            "text": {
              "text": "\`\`\`
      # Model                    Tokens
      ─ ──────────────────────── ──────
      1 Evil &lt;!channel&gt; &amp; &lt;!her…  1.04T
      2 Qwen3.6 Plus               990B
      \`\`\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-11T06:00:00Z",
                "type": "mrkdwn",
              },
              {
                "text": "<https://openrouter.ai/evil/evil-model|View on OpenRouter>",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "elements": [
              {
                "action_id": "follow",
                "text": {
                  "emoji": true,
                  "text": "Follow this model",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "evil/evil-model",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Evil &lt;!channel&gt; &amp; &lt;!here&gt; @everyone
      Model evil/evil-model &lt;@U0ALICE001&gt;",
      }
    `);
  });

  it('given user text in every part, nothing mentions anyone and the blocks pass the limit checks', () => {
    const { blocks, text } = renderReply(reply);
    expect(checkBlocks(blocks).errors).toEqual([]);
    expect(allStrings(blocks.filter((b) => b.type !== 'header')).concat(text).filter((s) => MENTION.test(s))).toEqual([]);
  });

  it('given a huge table, keeps whole rows within 3000 characters and says how many were left out', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(i + 1), `model-${i}-${'x'.repeat(20)}`, '1.00T']);
    const { blocks } = renderReply({ table: { columns: ['#', 'Model', 'Tokens'], rows } });
    const code = (blocks[0] as { text: { text: string } }).text.text;
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code).toMatch(/^```\n#/);
    expect(code).toMatch(/\n… \d+ more rows\n```$/);
    expect(checkBlocks(blocks).errors).toEqual([]);
  });

  it('given 60 non-inline fields and 30 buttons, stays within 50 blocks and 25 buttons, actions last', () => {
    const { blocks } = renderReply({
      title: 'x'.repeat(400),
      text: 'y'.repeat(5000),
      fields: Array.from({ length: 60 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(3500) })),
      buttons: Array.from({ length: 30 }, (_, i) => ({ id: `follow:m${i}`, label: 'L'.repeat(100) })),
    });
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(checkBlocks(blocks).errors).toEqual([]);
    const elements = (blocks.at(-1) as { elements: { action_id: string; value: string }[] }).elements;
    expect(elements).toHaveLength(25);
    expect(elements.slice(0, 3).map((e) => e.action_id)).toEqual(['follow', 'follow#1', 'follow#2']);
    expect(elements.map((e) => buttonId(e))).toEqual(Array.from({ length: 25 }, (_, i) => `follow:m${i}`));
  });

  it('given only an error text, renders one section and a plain fallback', () => {
    expect(renderReply({ text: 'No charted model matches "<!here>". Did you mean Qwen3.6 Plus?', ephemeral: true })).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "No charted model matches "&lt;!here&gt;". Did you mean Qwen3.6 Plus?",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "No charted model matches "&lt;!here&gt;". Did you mean Qwen3.6 Plus?",
      }
    `);
  });
});
