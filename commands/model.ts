import { z } from 'zod';
import { destinationKey } from '../src/delivery/destination.js';
import { formatShare, formatTokens } from '../src/domain/format.js';
import { labName, labOf, labRegion, regionName, type LabTable } from '../src/domain/labs.js';
import { attribution } from '../src/domain/names.js';
import { modelImage } from '../src/render/images.js';
import type { Command } from './command.js';
import { followButtonId } from './follow-id.js';
import { chartData } from './guards.js';
import { resolveModel } from './model-search.js';
import { modelText, noExtra } from './options.js';
import type { Reply } from './reply.js';
import { modelStats, sparkline, type ModelStats } from './views/model-stats.js';

const schema = z.object({ model: modelText, _extra: noExtra });

/** `▁▃▅▆▇█ 402B → 1.40T`: the bars, then the first and last figures of the window. */
function trend(week: ModelStats['week']): string {
  const present = week.filter((v): v is bigint => v !== null);
  if (present.length === 0) return 'Not charted';
  const ends = present.length === 1 ? formatTokens(present[0]) : `${formatTokens(present[0])} → ${formatTokens(present.at(-1)!)}`;
  return `${sparkline(week)} ${ends}`;
}

/** `Alibaba (Qwen) · China (CN)`; a lab missing from the table by its slug, region unknown. */
function labLine(slug: string, labs: LabTable): string {
  const lab = labOf(slug, labs);
  const region = labRegion(lab, labs);
  return `${labName(lab, labs)} · ${region ? `${regionName(region)} (${region})` : 'region unknown'}`;
}

function fields(s: ModelStats, lab: string): Reply['fields'] {
  const t = s.today;
  return [
    { label: `Today (${s.day} UTC)`, value: t ? `#${t.rank} · ${formatTokens(t.tokens)} tokens` : 'Not charted', inline: true },
    { label: 'Share of the day', value: t ? formatShare(t.tokens, t.platform) : '—', inline: true },
    { label: 'Last 7 days', value: trend(s.week) },
    { label: 'Days at #1 (daily)', value: String(s.daysAtOne), inline: true },
    { label: 'Weeks at #1 (weekly)', value: String(s.weeksAtOne), inline: true },
    { label: 'Personal best', value: s.best ? `${formatTokens(s.best.tokens)} on ${s.best.day} (UTC)` : '—', inline: true },
    { label: 'First seen', value: s.firstSeen ? `${s.firstSeen} (UTC)` : '—', inline: true },
    { label: 'Lab', value: lab, inline: true },
  ];
}

export const model: Command<typeof schema> = {
  name: 'model',
  description: "One model's card: lab and region, rank today, 7-day trend, days at #1, personal best",
  options: [{ name: 'model', description: 'Model name or permaslug', type: 'string', required: true, autocomplete: true }],
  personal: false,
  schema,
  async run(options, ctx) {
    const view = await chartData(ctx);
    const slug = resolveModel(view, options.model);
    const label = view.label(slug);
    // A follower asking in their DMs has nothing to follow; in a channel, others read the card too.
    const follows = ctx.invocation.inDm && (await ctx.services.settings.subscribersOf(slug)).some((s) => destinationKey(s.dest) === destinationKey(ctx.invocation.dm));
    return {
      title: label.name,
      text: slug,
      fields: fields(modelStats(view.book, slug), labLine(slug, view.book.labs)),
      url: label.url,
      footer: attribution(view.meta.asOf, view.meta.source),
      image: modelImage(view, slug),
      ...(follows ? {} : { buttons: [{ id: followButtonId(slug), label: 'Follow this model' }] }),
    };
  },
};
