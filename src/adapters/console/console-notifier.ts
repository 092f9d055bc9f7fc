import type { Destination } from '../../delivery/destination.js';
import type { Notifier } from '../../delivery/notifier.js';
import type { AlertMessage } from '../../domain/alert-message.js';
import { renderAlertText } from './render.js';

/** Delivers to the terminal: the console chat's one channel (and its "DMs"). */
export class ConsoleNotifier implements Notifier {
  constructor(
    private readonly print: (text: string) => void,
    private readonly color = false,
  ) {}

  handles(dest: Destination): boolean {
    return dest.kind === 'console';
  }

  async send(_dest: Destination, alert: AlertMessage): Promise<void> {
    this.print(renderAlertText(alert, this.color));
  }

  async sendText(_dest: Destination, text: string): Promise<void> {
    this.print(text);
  }
}
