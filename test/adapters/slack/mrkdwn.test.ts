import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, link, plain, richText, truncate } from '../../../src/adapters/slack/mrkdwn.js';

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

describe('link, richText, plain', () => {
  it('given a hostile label or URL, the link cannot end early or mention', () => {
    expect(link('https://openrouter.ai/a|b>c', 'x|<!channel>')).toBe('<https://openrouter.ai/a%7Cb&gt;c|x¦&lt;!channel&gt;>');
  });

  it('turns the neutral **bold** into Slack bold after escaping', () => {
    expect(richText('**<!here>** is *fine*', 100)).toBe('*&lt;!here&gt;* is *fine*');
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
