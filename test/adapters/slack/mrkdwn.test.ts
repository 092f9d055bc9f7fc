import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, link, literal, plain, richText, truncate } from '../../../src/adapters/slack/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here> & <@U0ALICE001>', '&lt;!here|here&gt; &amp; &lt;@U0ALICE001&gt;'],
    ['<#C0GENERAL1> <https://evil.example|click>', '&lt;#C0GENERAL1&gt; &lt;https://evil.example|click&gt;'],
    ['&amp; already', '&amp;amp; already'],
    ['@everyone stays text', '@everyone stays text'],
  ])('escapeMrkdwn(%j) → %j', (text, want) => {
    expect(escapeMrkdwn(text)).toBe(want);
  });
});

describe('literal', () => {
  it.each([
    ['*bold* _x_ ~s~ `c`', '\u2217bold\u2217 \u02cdx\u02cd \u223cs\u223c \u02cbc\u02cb'],
    ['＊wide＊ ＿w＿ ｀w｀', '\ufe61wide\ufe61 \u2e0fw\u2e0f \u02cbw\u02cb'],
    ['> quoted\n  > again, not > mid-line', '\u00ad&gt; quoted\n  \u00ad&gt; again, not &gt; mid-line'],
    ['<!channel> & [x](https://evil.example)', '&lt;!channel&gt; &amp; [x](https://evil.example)'],
    ['Qwen3.6 Plus (free) #1', 'Qwen3.6 Plus (free) #1'],
  ])('literal(%j) → %j: no marker Slack formats is left', (text, want) => {
    expect(literal(text)).toBe(want);
    expect(literal(text)).not.toMatch(/[*_~`\u200b]/);
  });

  it('given a marker inside a word (which Slack never formats), then the real character stays, so copied values still work', () => {
    expect(literal('types: new_leader, a*b, x~y; _edge* `c`')).toBe('types: new_leader, a*b, x~y; \u02cdedge\u2217 \u02cbc\u02cb');
  });
});

describe('link, richText, plain', () => {
  it('given a hostile label or URL, the link cannot end early or mention', () => {
    expect(link('https://openrouter.ai/a|b>c', 'x|<!channel>')).toBe('<https://openrouter.ai/a%7Cb&gt;c|x¦&lt;!channel&gt;>');
  });

  it('turns the neutral **bold** into Slack bold after escaping; any other marker is literal', () => {
    expect(richText('**<!here>** is *not bold*', 100)).toBe('*&lt;!here&gt;* is \u2217not bold\u2217');
  });

  it('keeps plain_text within its limit and never empty', () => {
    expect(plain('x'.repeat(200), 150).text).toHaveLength(150);
    expect(plain('   ', 150).text).toBe('-');
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['a&amp;b', 3, 'a…'],
    ['😀😀😀', 4, '😀…'],
  ])('truncate(%j, %i) → %j', (text, max, want) => {
    expect(truncate(text, max)).toBe(want);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});
