import { z } from 'zod';
import { RANKINGS_URL } from '../src/domain/names.js';
import { LICENSE, PROJECT_URL, VERSION } from '../src/version.js';
import type { Command } from './command.js';
import { noExtra } from './options.js';
import type { Reply } from './reply.js';
import { instant } from './status.js';

const schema = z.object({ _extra: noExtra });

/** What this bot is: its version, where its figures come from and how fresh they are, its licence. */
export const about: Command<typeof schema> = {
  name: 'about',
  description: 'What rankwatch is: version, where the data comes from and how fresh it is',
  options: [],
  personal: true,
  schema,
  async run(_options, ctx) {
    const s = await ctx.services.status();
    const source = s.source === 'openrouter' ? `OpenRouter's public rankings (${RANKINGS_URL.replace(/^https:\/\//, '')})` : 'the sample bundled with rankwatch (not live OpenRouter figures)';
    const fields: NonNullable<Reply['fields']> = [
      { label: 'Version', value: VERSION, inline: true },
      { label: 'Licence', value: LICENSE, inline: true },
      { label: 'Data as of', value: instant(s.asOf), inline: true },
      { label: 'Complete through', value: s.completeThrough ? `${s.completeThrough} (UTC)` : '—', inline: true },
      { label: 'Source', value: source },
      ...(PROJECT_URL ? [{ label: 'Project', value: PROJECT_URL }] : []),
    ];
    return {
      title: `rankwatch ${VERSION}`,
      text: "Watches OpenRouter's LLM usage rankings and tells chat rooms what the charts did. /help lists the commands.",
      fields,
      ...(PROJECT_URL ? { url: PROJECT_URL } : {}),
    };
  },
};
