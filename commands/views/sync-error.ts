/**
 * What /status may say about a failed sync: its kind, never the message. The poll state keeps
 * the raw message (for the log and the operator), and that can hold OPENROUTER_API_URL (with
 * any credentials in it), a store URL, or text the server sent. Each kind is recognised by how
 * the source's SourceError messages begin (src/source/openrouter-client.ts, openrouter-schemas.ts);
 * anything else is only "failed", and the log has the details.
 */
const KINDS: readonly (readonly [RegExp, string])[] = [
  [/^OpenRouter rejected the API key/, 'OpenRouter rejected the API key (check OPENROUTER_API_KEY)'],
  [/^OpenRouter rate limit/, 'OpenRouter rate limit reached'],
  [/^OpenRouter server error/, 'OpenRouter had a server error'],
  [/^OpenRouter did not answer/, 'OpenRouter did not answer in time'],
  [/^could not reach OpenRouter/, 'cannot reach OpenRouter'],
  [/^OpenRouter answered 404:/, 'OpenRouter does not know the address asked (check OPENROUTER_API_URL)'],
  [/^OpenRouter (refused the request|answered \d{3}:)/, 'OpenRouter refused the request'],
  [/^OpenRouter sent (a body that is not JSON|a malformed|malformed)/, 'OpenRouter answered malformed data'],
  [/^(cannot read the sample data|the sample file)/, 'the bundled sample data cannot be read'],
];

/** The kind of a stored sync error message, safe to show any chat user. */
export function syncErrorKind(message: string): string {
  return KINDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'sync failed (details in the log)';
}
