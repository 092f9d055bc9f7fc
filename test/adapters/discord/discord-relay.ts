// Plays Discord's side of an Interactions Endpoint URL for tests: takes INTERACTION_CREATE from the fake
// gateway, signs it (Ed25519 over timestamp + body) and POSTs it to the bot's endpoint, then files the
// bot's HTTP answer as the interaction's callback on the fake, so the fake's 3 s deadline, follow-up
// tokens and message store apply exactly as for a gateway bot.
import { sign, type KeyObject } from 'node:crypto';
import { WebSocket } from 'ws';
import type { FakeDiscord } from '../../fakes/discord/index.js';

export interface SignedPost {
  body: string;
  timestamp?: string;
  signature?: string;
}

/** Headers Discord would send with `body`, signed now (or at `atSeconds`). */
export function signedHeaders(key: KeyObject, body: string, atSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const timestamp = String(atSeconds);
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex'),
  };
}

export interface Relay {
  /** HTTP statuses the bot's endpoint answered, in order. */
  readonly statuses: number[];
  close(): Promise<void>;
}

export async function startRelay(fake: FakeDiscord, endpoint: string, key: KeyObject): Promise<Relay> {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  const statuses: number[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { op: number; t?: string; d: any };
      if (frame.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 0, properties: { os: 'linux', browser: 'relay', device: 'relay' } } }));
      if (frame.op === 0 && frame.t === 'READY') resolve();
      if (frame.op === 0 && frame.t === 'INTERACTION_CREATE') void forward(frame.d);
    });
  });

  async function forward(interaction: { id: string; token: string }): Promise<void> {
    const body = JSON.stringify(interaction);
    const res = await fetch(endpoint, { method: 'POST', headers: signedHeaders(key, body), body });
    statuses.push(res.status);
    if (res.status !== 200) return;
    await fetch(`${fake.url}/v10/interactions/${interaction.id}/${interaction.token}/callback`, {
      method: 'POST',
      // Passed on as answered: JSON, or multipart (payload_json + files[n]) when the answer has files.
      headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
      body: Buffer.from(await res.arrayBuffer()),
    });
  }

  await ready;
  return {
    statuses,
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
