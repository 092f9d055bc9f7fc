import type { Destination } from '../../delivery/destination.js';
import type { AlertImage, Notifier } from '../../delivery/notifier.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import type { Logger } from '../../logger.js';
import { pictureLine, saveAlertPicture } from './pictures.js';
import { renderAlertText } from './render.js';

/** Delivers to the terminal: the console chat's one channel (and its "DMs"). */
export class ConsoleNotifier implements Notifier {
  constructor(
    private readonly print: (text: string) => void,
    private readonly color = false,
    /** Where alert pictures are written (and their path printed under the alert); none without it. */
    private readonly pictures?: { readonly dir: string; readonly logger: Logger },
  ) {}

  handles(dest: Destination): boolean {
    return dest.kind === 'console';
  }

  async send(_dest: Destination, alert: AlertMessage, _idempotencyKey?: string, image?: AlertImage): Promise<void> {
    const path = image && this.pictures ? await saveAlertPicture(this.pictures.dir, image, this.pictures.logger) : null;
    this.print(path ? `${renderAlertText(alert, this.color)}\n${pictureLine(path)}` : renderAlertText(alert, this.color));
  }

  async sendText(_dest: Destination, text: string): Promise<void> {
    this.print(text);
  }
}
