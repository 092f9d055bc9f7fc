import { createClient } from '@keyv/redis';
import { redactUrl, seconds, StoreError } from './store-error.js';

type RedisClient = ReturnType<typeof createClient>;

/** What Redis answers when the user or password in the URL is wrong (or missing). */
const AUTH = /^(WRONGPASS|NOAUTH|NOPERM)|^ERR (AUTH|invalid password|Client sent AUTH)/;

/**
 * Connects one Redis client within `timeoutMs`. node-redis retries a refused connection forever
 * and its `connect()` never settles, which hung start-up with no output: here a refused or silent
 * server is retried until the deadline, and refused credentials stop at once. Once connected, the
 * client reconnects on its own with backoff (commands wait in its queue meanwhile).
 */
export async function connectRedis(storeUrl: string, timeoutMs: number): Promise<RedisClient> {
  let last: Error | null = null;
  let connecting = true;
  const client = createClient({
    url: storeUrl,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => (connecting && AUTH.test(cause.message) ? cause : Math.min(2 ** retries * 100, 2000)),
    },
  });
  client.on('error', (error: Error) => (last = error));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
  const connected = client.connect();
  connected.catch(() => undefined);
  try {
    await Promise.race([connected, deadline]);
    connecting = false;
    return client as unknown as RedisClient;
  } catch (error) {
    // destroy() stops the retrying; it throws when the client never opened.
    try {
      client.destroy();
    } catch {}
    throw redisFailure(storeUrl, last ?? (error as Error), timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function redisFailure(storeUrl: string, cause: Error, timeoutMs: number): StoreError {
  const where = `STORE_URL=${redactUrl(storeUrl)}`;
  const firstLine = cause.message.split('\n')[0];
  if (AUTH.test(cause.message)) return new StoreError(`the store at ${where} refused the credentials (${firstLine}): fix the user and password in STORE_URL`);
  const code = (cause as NodeJS.ErrnoException).code ?? (cause.message === 'timeout' ? 'no answer' : firstLine);
  return new StoreError(`cannot reach the store at ${where} (${code}) within ${seconds(timeoutMs)}`);
}
