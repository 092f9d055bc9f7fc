// Real parts for the Slack adapter tests: the shared world (test/support/world.ts) with a model whose
// name tries to notify the whole channel.
import { testWorld as world, type TestWorld } from '../../support/world.js';

export { allStrings, capturingLogger, EVIL_SLUG, FIRST_DAY, LAST_DAY, QWEN_SLUG, type LogLine, type TestWorld } from '../../support/world.js';

/** A model whose catalogue name tries to ping everyone. */
export const EVIL_NAME = 'Evil <!channel> & <!here> @everyone';

export const testWorld = (): Promise<TestWorld> => world(EVIL_NAME);

/** Slack's special mentions and user/channel links: none may appear unescaped in what the bot sends. */
export const MENTION = /<[!@#]/;
