// Real parts for the Discord adapter tests: the shared world (test/support/world.ts) with a model
// whose name tries to ping everyone and a role, plus configs pointing at the fake Discord.
import { loadConfig, type Config } from '../../../src/config.js';
import { testWorld as world, type TestWorld } from '../../support/world.js';

export { allStrings, capturingLogger, EVIL_SLUG, FIRST_DAY, LAST_DAY, QWEN_SLUG, type LogLine, type TestWorld } from '../../support/world.js';

/** A model whose catalogue name tries to ping everyone and a role. */
export const EVIL_NAME = 'Evil @everyone <@&123456789012345678>';

/** VIEW_CHANNEL | SEND_MESSAGES | USE_APPLICATION_COMMANDS: an ordinary member. */
export const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 31n)).toString();
/** An ordinary member who may also manage channels. */
export const MANAGER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | (1n << 4n)).toString();

export const testWorld = (): Promise<TestWorld> => world(EVIL_NAME);

/** A parsed config pointing Discord at the fake (loadConfig checks it as at start-up). */
export function discordConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}

/** A mention Discord would act on: `@everyone`, `@here`, `<@id>`, `<@&role>`. */
export const LIVE_MENTION = /@(everyone|here)|<@[!&]?\d+>/;
