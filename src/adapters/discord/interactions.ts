import { handleButton } from '../../../commands/button.js';
import type { Choice, CommandContext } from '../../../commands/command.js';
import { dispatch, suggestModels } from '../../../commands/dispatch.js';
import type { Reply } from '../../../commands/reply.js';
import type { AdapterDeps } from '../adapter.js';
import { drawForDiscord, withImage } from './attachments.js';
import { renderReply, type DiscordMessage } from './render.js';
import { clip, LIMITS } from './text.js';
import { focusedValue, optionsRecord, toInvocation, type InteractionFacts, type OptionInput } from './translate.js';

/**
 * How one transport answers an interaction. The gateway implements it with discord.js
 * (`reply`, `deferReply`, `editReply`), HTTP interactions with the response body and REST.
 */
export interface Responder {
  /** The initial response, due within 3 s of the interaction. */
  reply(msg: DiscordMessage): Promise<void>;
  /** "Thinking…": buys 15 minutes; `ephemeral` fixes who will see the answer. */
  defer(ephemeral: boolean): Promise<void>;
  /** Replaces the deferred placeholder with the answer. */
  edit(msg: DiscordMessage): Promise<void>;
  /** After a defer whose visibility turned out wrong: drop the placeholder, send `msg` as a follow-up. */
  replace(msg: DiscordMessage): Promise<void>;
  /** Autocomplete suggestions (type 8). */
  suggest(choices: readonly Choice[]): Promise<void>;
}

export interface InteractionTimings {
  /** Answer inline when the work is done by then, else defer (Discord's deadline is 3 s). */
  readonly deferAfterMs: number;
  /** Autocomplete answers with no suggestions rather than miss the 3 s deadline. */
  readonly autocompleteMs: number;
}

export const DEFAULT_TIMINGS: InteractionTimings = { deferAfterMs: 2000, autocompleteMs: 2500 };

/** An edit cannot change a message's visibility; only the initial response sets it. */
function withoutFlags(msg: DiscordMessage): DiscordMessage {
  const { flags: _flags, ...rest } = msg;
  return rest;
}

type Settled<T> = { done: true; value: T } | { done: false };

/** `work`, or "not yet" after `ms`; the timer never keeps the process alive. */
async function within<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms)));
  try {
    return await Promise.race([work.then((value): Settled<T> => ({ done: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one interaction flow both transports share: facts → invocation → the command layer →
 * Reply → message. No command knowledge lives here; slow work is detected by the clock, not by
 * name: whatever is not done after `deferAfterMs` is deferred and edited in when ready.
 */
export class InteractionRouter {
  constructor(
    private readonly deps: AdapterDeps,
    private readonly timings: InteractionTimings = DEFAULT_TIMINGS,
    /** Set when no bot token is configured: what the operator must do for commands that post. */
    private readonly cannotPost?: string,
  ) {}

  private context(facts: InteractionFacts): CommandContext {
    return this.deps.context(toInvocation(facts, this.cannotPost));
  }

  /** A slash command. */
  command(facts: InteractionFacts, name: string, options: readonly OptionInput[] | undefined, to: Responder): Promise<void> {
    const personal = this.deps.commands.get(name)?.personal ?? true;
    return this.answer(dispatch(this.deps.commands, name, optionsRecord(options), this.context(facts)), personal, to);
  }

  /** A click on one of our buttons (`follow:<permaslug>`); the answer is private. */
  button(facts: InteractionFacts, customId: string, to: Responder): Promise<void> {
    return this.answer(handleButton(customId, this.context(facts)), true, to);
  }

  /** Model suggestions while typing: at most 25, each name and value within 100 characters. */
  async autocomplete(facts: InteractionFacts, options: readonly OptionInput[] | undefined, to: Responder, command?: string): Promise<void> {
    const found = await within(suggestModels(this.context(facts), focusedValue(options), LIMITS.choices, command), this.timings.autocompleteMs);
    const choices = (found.done ? found.value : [])
      .filter((c) => c.value.length <= LIMITS.choiceText)
      .slice(0, LIMITS.choices)
      .map((c) => ({ name: clip(c.name, LIMITS.choiceText), value: c.value }));
    if (!found.done) this.deps.logger.warn({ ms: this.timings.autocompleteMs }, 'discord autocomplete too slow; answered with no suggestions');
    await to.suggest(choices);
  }

  private async answer(work: Promise<Reply>, expectEphemeral: boolean, to: Responder): Promise<void> {
    const started = Date.now();
    const early = await within(work, this.timings.deferAfterMs);
    if (early.done) return this.inline(early.value, to, this.timings.deferAfterMs - (Date.now() - started));
    await to.defer(expectEphemeral);
    const reply = await work;
    const msg = withImage(renderReply(reply), await drawForDiscord(reply.image, this.deps.logger));
    // A deferred answer keeps the placeholder's visibility; a private error after a public
    // placeholder must not be shown to the channel.
    if (Boolean(reply.ephemeral) === expectEphemeral) await to.edit(withoutFlags(msg));
    else await to.replace(msg);
  }

  /**
   * The text is ready in time: its picture goes with it when drawn before the deadline, else the
   * text is answered at once and the picture edited in when drawn (rendering never delays an answer).
   */
  private async inline(reply: Reply, to: Responder, leftMs: number): Promise<void> {
    const msg = renderReply(reply);
    if (!reply.image) return to.reply(msg);
    const drawing = drawForDiscord(reply.image, this.deps.logger);
    const drawn = await within(drawing, Math.max(0, leftMs));
    if (drawn.done) return to.reply(withImage(msg, drawn.value));
    await to.reply(msg);
    const file = await drawing;
    if (file) await to.edit(withoutFlags(withImage(msg, file))).catch((error) => this.deps.logger.warn({ err: error }, 'discord picture could not be added to the answer'));
  }

}
