import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { Browser, chromium, LaunchOptions } from 'playwright-core';

/**
 * The one way tests and benchmarks start Chromium (playwright-core, which never
 * downloads a browser). Which Chromium, by `CHROMIUM_PATH` (tests only):
 *
 * - unset: Debian's `/usr/bin/chromium` when it is installed, else the bundled one;
 * - `bundled`: always the Chromium inside the `@sparticuz/chromium` npm package;
 * - any other value: that executable.
 *
 * The bundled build is unpacked once per machine into `<tmpdir>/tradebridge-chromium-<version>`
 * (a few seconds), under a lock so parallel Jest workers unpack it once, and renamed into
 * place only when complete. It runs on its own: the NSS and expat libraries it links come
 * from the package (`al2023.tar.br`) through LD_LIBRARY_PATH, and fontconfig sees only the
 * package's Open Sans. It has no CJK font, so Chinese in the web app renders only through
 * the Noto Sans SC web font the server serves (apps/web/src/styles.css).
 */

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags every launch gets: root in CI needs no sandbox; no GPU, no Google services in tests. */
const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumBuild {
  kind: 'system' | 'bundled';
  executablePath: string;
  /** What the browser process needs in its environment besides ours. */
  env: Record<string, string>;
}

/**
 * The Chromium `CHROMIUM_PATH` picks (see above), unpacking the bundled one if needed.
 * The tests of this choice pass what it would otherwise take from the machine.
 */
export async function chromiumBuild(machine: { wanted?: string; system?: string; unpackRoot?: string } = { wanted: process.env.CHROMIUM_PATH?.trim() || undefined }): Promise<ChromiumBuild> {
  const { wanted, system = SYSTEM_CHROMIUM, unpackRoot = tmpdir() } = machine;
  if (wanted && wanted !== 'bundled') {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted}: no such file (leave it unset, or set it to "bundled", to use @sparticuz/chromium)`);
    return { kind: 'system', executablePath: wanted, env: {} };
  }
  if (!wanted && existsSync(system)) return { kind: 'system', executablePath: system, env: {} };
  const dir = await unpackBundled(unpackRoot);
  return {
    kind: 'bundled',
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: join(dir, 'fonts'),
    },
  };
}

/** Chromium, headless, with the common flags plus `options.args` (e.g. fake media devices). */
export async function launchChromium(options: LaunchOptions = {}, build?: ChromiumBuild): Promise<Browser> {
  build ??= await chromiumBuild();
  return chromium.launch({
    ...options,
    executablePath: build.executablePath,
    headless: true,
    args: [...COMMON_ARGS, ...(options.args ?? [])],
    env: { ...process.env, ...build.env, ...options.env },
  });
}

const PACKAGE_DIR = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');

/** Unpacks the bundled Chromium once (lock + rename, so a crash mid-way leaves nothing half-written); returns its directory. */
async function unpackBundled(root: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const dir = join(root, `tradebridge-chromium-${version}`);
  if (existsSync(dir)) return dir;
  const lock = `${dir}.lock`;
  await acquire(lock);
  try {
    if (existsSync(dir)) return dir;
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const started = Date.now();
    // tar-fs is the package's own dependency, resolved from it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tar = require(require.resolve('tar-fs', { paths: [PACKAGE_DIR] })) as { extract: (dir: string) => NodeJS.WritableStream };
    const bin = join(PACKAGE_DIR, 'bin');
    const brotli = (file: string, to: NodeJS.WritableStream) => pipeline(createReadStream(join(bin, file)), createBrotliDecompress(), to);
    await Promise.all([
      brotli('chromium.br', createWriteStream(join(partial, 'chromium'), { mode: 0o755 })),
      brotli('fonts.tar.br', tar.extract(join(partial, 'fonts'))),
      brotli('al2023.tar.br', tar.extract(join(partial, 'al2023'))),
    ]);
    // The package's fonts.conf points at Lambda's paths; this one at the unpacked fonts only.
    writeFileSync(
      join(partial, 'fonts', 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(partial, dir);
    process.stderr.write(`Unpacked the bundled Chromium ${version} (@sparticuz/chromium) into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A directory as a cross-process lock; one left by a killed process is taken over after 2 minutes. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}
