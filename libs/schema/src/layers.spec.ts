import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering the team keeps (docs/architecture.md, "Libs"; CONTRIBUTING.md):
 * only repositories touch the database, and every write to an event passes the
 * one lock gate, `EventsRepository.lockOpen`, rather than a private copy.
 */
const LIBS = join(__dirname, '..', '..');

function sources(suffix: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  for (const lib of readdirSync(LIBS)) {
    const dir = join(LIBS, lib, 'src');
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.endsWith(suffix) && !name.endsWith('.spec.ts')) found.push({ path: relative(LIBS, join(dir, name)), text: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return found;
}

describe('layers', () => {
  it('no service sends SQL itself: raw statements and query builders live in repositories', () => {
    const services = sources('.service.ts');
    expect(services.length).toBeGreaterThan(5);
    const offenders = services.filter((s) => /\.query\(|createQueryBuilder\(/.test(s.text)).map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('only the one lock gate refuses a closed event with EVENT_CLOSED (no private "lock the event row, refuse if closed" copies)', () => {
    const throwing = sources('.ts')
      .filter((s) => /ErrorCode\.EVENT_CLOSED/.test(s.text) && !s.path.startsWith(join('core', 'src', 'errors')))
      .map((s) => s.path);
    expect(throwing).toEqual([join('events', 'src', 'events.repository.ts')]);
    const copies = sources('.service.ts')
      .filter((s) => /events\.lockShared\(|event\.status === 'closed'\) throw/.test(s.text))
      .map((s) => s.path);
    expect(copies).toEqual([]);
  });
});
