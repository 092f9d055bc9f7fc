import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EXIT, installProcessHandlers } from '../src/process-handlers.js';
import { recordingLogger } from './e2e/support.js';

/** A stand-in for `process`: the real events, and an exit that records its code. */
function fakeProcess() {
  const proc = Object.assign(new EventEmitter(), { codes: [] as number[], exit: (code: number) => void proc.codes.push(code) });
  return proc;
}

describe('process-level handlers', () => {
  it.each([
    ['an unhandled rejection', 'unhandledRejection', [new Error('boom in a timer')], /unhandled promise rejection: Error: boom in a timer/],
    ['an uncaught exception', 'uncaughtException', [new TypeError('x is not a function'), 'uncaughtException'], /uncaught exception: TypeError: x is not a function/],
  ] as const)('given %s, then it is logged with context and the process exits 70 for a supervisor to restart', (_label, event, args, line) => {
    const proc = fakeProcess();
    const logger = recordingLogger();
    const lines: string[] = [];
    installProcessHandlers({ logger, write: (l) => lines.push(l), proc });
    proc.emit(event, ...args);
    proc.emit(event, ...args); // a second one while exiting is not reported twice
    expect(proc.codes).toEqual([EXIT.crashed]);
    expect(lines).toEqual([expect.stringMatching(line)]);
    expect(logger.errors()).toHaveLength(1);
    expect(logger.errors()[0].msg).toMatch(/undelivered alerts stay in the outbox/);
  });

  it("given Slack's Socket Mode rejecting its app token while reconnecting, then the line names SLACK_APP_TOKEN", () => {
    const proc = fakeProcess();
    const lines: string[] = [];
    installProcessHandlers({ logger: recordingLogger(), write: (l) => lines.push(l), proc });
    proc.emit('unhandledRejection', Object.assign(new Error('An API error occurred: invalid_auth'), { data: { ok: false, error: 'invalid_auth' } }));
    expect(lines[0]).toMatch(/Slack refused the app-level token SLACK_APP_TOKEN \(invalid_auth\)/);
  });
});
