import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runCliCommand } from './cli-command.js';
import { CliError } from './user-error.js';

export const PICTURES = ['leaderboard', 'model', 'race'] as const;

export interface ChartOptions {
  out: string;
  theme: string;
  chart?: string;
  date?: string;
  limit?: string;
  weeks?: string;
}

/** The chat command each picture comes from, with the options it takes. */
function commandFor(picture: string, words: string[], o: ChartOptions): Record<string, unknown> {
  const given = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  if (picture === 'leaderboard') return given([['chart', o.chart], ['date', o.date], ['limit', o.limit]]);
  if (picture === 'race') return given([['chart', o.chart], ['weeks', o.weeks]]);
  if (words.length === 0) throw new CliError('chart model: name a model, e.g. `rankwatch chart model qwen 3.6 plus --out qwen.png`');
  return { model: words.join(' ') };
}

/** `rankwatch chart leaderboard|model|race … --out FILE.png`: the picture the chat would attach, as a PNG file. */
export async function writeChart(picture: string, words: string[], o: ChartOptions, write: (line: string) => void): Promise<void> {
  if (!(PICTURES as readonly string[]).includes(picture)) throw new CliError(`chart: want one of ${PICTURES.join(', ')} (got "${picture}")`);
  if (o.theme !== 'dark' && o.theme !== 'light') throw new CliError(`--theme: want dark or light (got "${o.theme}")`);
  if (!o.out.toLowerCase().endsWith('.png')) throw new CliError(`--out: want a file name ending in .png (got "${o.out}")`);
  const theme = o.theme;
  const png = await runCliCommand(picture, commandFor(picture, words, o), async (reply) => {
    if (!reply.image) throw new CliError(`chart ${picture}: ${(reply.text ?? 'no picture').replace(/Try \/help \w+\.?/, 'Try --help.')}`);
    return reply.image.render(theme);
  });
  await mkdir(dirname(o.out), { recursive: true });
  await writeFile(o.out, png);
  write(`${o.out}: ${Math.round(png.length / 1024)} KB, ${png.readUInt32BE(16)}x${png.readUInt32BE(20)} px`);
}
