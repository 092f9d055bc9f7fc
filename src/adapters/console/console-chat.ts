import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Invocation } from '../../../commands/command.js';
import { dispatch } from '../../../commands/dispatch.js';
import { parseCommandText } from '../../../commands/parse-text.js';
import { CHART_NAMES } from '../../domain/charts.js';
import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { DEFAULT_ALERT_TYPES } from '../../store/settings-store.js';
import { ConsoleNotifier } from './console-notifier.js';
import { DEFAULT_PICTURES_DIR, pictureLine, saveReplyPicture } from './pictures.js';
import { renderReplyText } from './render.js';

const YOU = { platform: 'console', userId: 'you' } as const;
const INVOCATION: Invocation = { platform: 'console', user: YOU, channel: { kind: 'console' }, dm: { kind: 'console' }, canManageChannel: true, inDm: false };

export interface ConsoleChatOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** A terminal gets a prompt and colour; piped input gets neither. */
  readonly interactive: boolean;
  /** Called once the input has ended and every answer is printed. */
  readonly onEnd: () => void;
  readonly banner?: string;
  /** Commands wait for this (the first sync) before they are answered. */
  readonly ready?: Promise<unknown>;
  /** Where pictures are written as PNG files (default: rankwatch-pictures in the OS temp dir). */
  readonly picturesDir?: string;
}

/**
 * The terminal chat for newcomers: one channel that gets alerts (every default type) and answers
 * the same commands as Discord and Slack, typed at a prompt or piped in.
 */
export function createConsoleChat(deps: AdapterDeps, o: ConsoleChatOptions): ChatAdapter {
  let rl: Interface | null = null;
  const picturesDir = o.picturesDir ?? DEFAULT_PICTURES_DIR;
  let queue: Promise<unknown> = Promise.resolve();
  const print = (text: string) => {
    if (rl && o.interactive) {
      o.output.write(`\r\u001b[K${text}\n`);
      rl.prompt(true);
    } else o.output.write(`${text}\n`);
  };
  const handle = async (line: string) => {
    const text = line.trim();
    if (!text) return;
    if (!text.startsWith('/')) return print('Commands start with /. Try /help.');
    const [, name = '', rest = ''] = /^\/(\S*)\s*(.*)$/.exec(text) ?? [];
    const command = deps.commands.get(name.toLowerCase());
    const raw = command ? parseCommandText(command, rest) : {};
    const reply = await dispatch(deps.commands, name.toLowerCase(), raw, deps.context(INVOCATION));
    print(renderReplyText(reply, o.interactive));
    // The text first; then the picture, written to a file whose path is printed under it.
    const path = reply.image ? await saveReplyPicture(picturesDir, reply.image, deps.logger) : null;
    if (path) print(pictureLine(path));
  };
  return {
    name: 'console',
    notifier: new ConsoleNotifier(print, o.interactive, { dir: picturesDir, logger: deps.logger }),
    implicitAlerts: [{ dest: { kind: 'console' }, types: [...DEFAULT_ALERT_TYPES], charts: [...CHART_NAMES], by: YOU, at: new Date(0).toISOString() }],
    async start() {
      queue = o.ready ?? queue;
      rl = createInterface({ input: o.input, output: o.interactive ? o.output : undefined, terminal: o.interactive, prompt: 'rankwatch> ' });
      if (o.banner) o.output.write(`${o.banner}\n`);
      rl.on('line', (line) => (queue = queue.then(() => handle(line)).catch((error) => deps.logger.error({ err: error }, 'console command failed'))));
      rl.on('close', () => void queue.then(() => o.onEnd()));
      if (o.interactive) rl.prompt();
    },
    async stop() {
      const r = rl;
      rl = null;
      r?.close();
      await queue;
    },
  };
}
