import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplyImage } from '../../../commands/reply.js';
import type { AlertImage } from '../../delivery/notifier.js';
import type { Logger } from '../../logger.js';

/** Where the console chat writes its pictures unless told otherwise: the OS temp dir, never the project. */
export const DEFAULT_PICTURES_DIR = join(tmpdir(), 'rankwatch-pictures');
const MAX_BYTES = 50 * 1024 * 1024;

/** `Picture: /tmp/rankwatch-pictures/leaderboard-daily-2026-03-11.png`, the line printed under the text. */
export const pictureLine = (path: string) => `Picture: ${path}`;

async function save(dir: string, name: string, data: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** A reply's picture written as a PNG file; its path, or null when it could not be drawn or written (logged). */
export async function saveReplyPicture(dir: string, image: ReplyImage, logger: Logger): Promise<string | null> {
  try {
    return await save(dir, image.name, await image.render('dark'));
  } catch (error) {
    logger.warn({ err: error, image: image.name, dir }, 'console picture failed; the text answer stands alone');
    return null;
  }
}

/** An alert's picture written as a PNG file (drawing failures are logged by `draw` itself). */
export async function saveAlertPicture(dir: string, image: AlertImage, logger: Logger): Promise<string | null> {
  const data = await image.draw({ theme: 'dark', maxBytes: MAX_BYTES, platform: 'console' });
  if (!data) return null;
  try {
    return await save(dir, image.name, data);
  } catch (error) {
    logger.warn({ err: error, image: image.name, dir }, 'console alert picture could not be written; the alert went as text');
    return null;
  }
}
