import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a demo run must remember for the next one, kept beside the embedded
 * database in DATA_DIR: the passwords it generated (the accounts live in the
 * database, the passwords nowhere else) and the event it loaded.
 * Readable by the owner only.
 */
export interface DemoState {
  eventId?: string;
  admin?: { email: string; password: string };
  organizerPassword: string;
  memberPassword: string;
}

const FILE = 'demo.json';

export function readDemoState(dataDir: string): DemoState | undefined {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as DemoState;
}

export function writeDemoState(dataDir: string, state: DemoState): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Fresh passwords for a first run: generated, so no two demo installations share them. */
export function newDemoState(): DemoState {
  return { organizerPassword: password(), memberPassword: password() };
}

function password(): string {
  return randomBytes(9).toString('base64url');
}
