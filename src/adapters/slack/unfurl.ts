import type { types } from '@slack/bolt';
import type { ChartView } from '../../../commands/services.js';
import { modelStats } from '../../../commands/views/model-stats.js';
import { formatTokens } from '../../domain/format.js';
import { labName, labOf } from '../../domain/labs.js';
import { attribution, OPENROUTER } from '../../domain/names.js';
import { link, literal, truncate } from './mrkdwn.js';

/** The domain whose links rankwatch unfurls (the manifest's `unfurl_domains`). */
export const UNFURL_DOMAIN = 'openrouter.ai';

/** Pages on openrouter.ai whose first path segment is not a model author. */
const NOT_AUTHORS = new Set(['rankings', 'models', 'docs', 'api', 'chat', 'settings', 'activity', 'credits', 'keys', 'apps', 'announcements', 'privacy', 'terms', 'pricing', 'enterprise', 'provider', 'providers', 'works-with-openrouter']);

/** `https://openrouter.ai/qwen/qwen3.6-plus/providers` → `qwen/qwen3.6-plus`; null for other pages. */
export function modelIdOfLink(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.hostname !== UNFURL_DOMAIN && u.hostname !== `www.${UNFURL_DOMAIN}`) return null;
  const [author, model] = u.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s).toLowerCase());
  if (!author || !model || NOT_AUTHORS.has(author)) return null;
  return `${author}/${model}`;
}

/**
 * The charted model a link names. A page is a model id (`qwen/qwen3.6-plus`), the charts count
 * dated permaslugs (`qwen/qwen3.6-plus-04-02`): the permaslug whose catalogue page is that id, or
 * (no catalogue entry) the id itself or a dated form of it. Several (an old and a new date): the
 * one on the latest daily chart, else the latest in sort order.
 */
export function modelOfLink(view: ChartView, url: string): string | null {
  const id = modelIdOfLink(url);
  if (!id) return null;
  const page = `${OPENROUTER}/${id}`;
  const candidates = view.models.filter((m) => {
    const label = view.label(m);
    return label.known ? label.url.toLowerCase() === page : m === id || m.startsWith(`${id}-`);
  });
  if (candidates.length <= 1) return candidates[0] ?? null;
  const latest = view.book.latest('daily');
  const ranked = candidates.map((m) => ({ m, rank: latest?.entries.find((e) => e.model === m)?.rank ?? Infinity }));
  ranked.sort((a, b) => a.rank - b.rank || b.m.localeCompare(a.m));
  return ranked[0].m;
}

/** A small card: the name linked to its page, today's rank and tokens, the lab; attribution below. */
export function unfurlCard(view: ChartView, slug: string): { blocks: types.KnownBlock[] } {
  const label = view.label(slug);
  const stats = modelStats(view.book, slug);
  const today = stats.today ? `#${stats.today.rank} today · ${formatTokens(stats.today.tokens)} tokens` : 'Not on the daily chart today';
  const lab = labName(labOf(slug, view.book.labs), view.book.labs);
  const lines = [`*${link(label.url, label.name)}*`, `${today} (${stats.day} UTC)`, `Lab: ${literal(lab)}`];
  const source = view.meta ? attribution(view.meta.asOf, view.meta.source) : 'Source: OpenRouter (openrouter.ai/rankings)';
  return {
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(literal(source), 3000) }] },
    ],
  };
}
