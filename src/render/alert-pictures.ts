import type { AlertImage } from '../delivery/notifier.js';
import { carriedEventIds, type AlertMessage, type MomentSpec } from '../domain/alert-message.js';
import type { Logger } from '../logger.js';
import { momentImage, momentLabels, type Moment, type PictureSource } from './images.js';

/** A picture not drawn by then is left out: the alert goes as text rather than wait. */
export const ALERT_IMAGE_GIVE_UP_MS = 10_000;

/** The event an alert's picture describes, as the chart of the moment reads it. */
export function momentOf(spec: MomentSpec, alert: Pick<AlertMessage, 'eventId' | 'eventIds' | 'day'>): Moment {
  const day = alert.day;
  // The headline event's id, not the message's: one story's messages to different destinations share one drawing.
  return { id: carriedEventIds(alert)[0], type: spec.type, chart: spec.chart, period: spec.period, day, subject: spec.subject, ...(spec.versus ? { previous: { subject: spec.versus } } : {}) };
}

/**
 * Turns an alert's stored picture description into an AlertImage drawn from the history this
 * process reads (`charts`: the same store the planner wrote from, so a delivery worker elsewhere
 * draws the same picture). Drawn once per theme and data version (RENDER_CACHE), so an alert to
 * 300 channels is drawn once. Never throws: failure, slowness or size mean text alone, logged.
 */
export function alertPictures(o: { charts: () => Promise<PictureSource>; logger: Logger; giveUpMs?: number }): (alert: AlertMessage) => AlertImage | undefined {
  const giveUpMs = o.giveUpMs ?? ALERT_IMAGE_GIVE_UP_MS;
  return (alert) => {
    const spec = alert.picture;
    if (!spec) return undefined;
    const moment = momentOf(spec, alert);
    const { name, alt } = momentLabels(moment, alert.headline);
    const log = { event: alert.eventId, image: name };
    return {
      name,
      alt,
      // The chart view (a walk of the whole history on a fresh process) is built before the send's
      // timeout starts: it is our own work, not the destination's answer.
      async ready() {
        await Promise.resolve(o.charts()).catch(() => undefined);
      },
      async draw({ theme, maxBytes, platform }) {
        let timer: NodeJS.Timeout | undefined;
        try {
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), giveUpMs)));
          const drawn = async () => {
            const view = await o.charts();
            if (!view.book.history.days.has(alert.day)) return 'no-history' as const;
            return momentImage(view, moment, alert.headline).render(theme);
          };
          const data = await Promise.race([drawn(), late]);
          if (data === 'late') o.logger.warn({ ...log, platform, ms: giveUpMs }, 'alert picture too slow; sent the text alone');
          else if (data === 'no-history') o.logger.warn({ ...log, platform, day: alert.day }, 'alert picture: this history lacks the day; sent the text alone');
          else if (data.length > maxBytes) o.logger.warn({ ...log, platform, bytes: data.length, maxBytes }, 'alert picture over the upload limit; sent the text alone');
          else return data;
        } catch (error) {
          o.logger.warn({ ...log, platform, err: error }, 'alert picture failed; sent the text alone');
        } finally {
          clearTimeout(timer);
        }
        return null;
      },
    };
  };
}
