import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumBuild, launchChromium } from '../factories/chromium';

jest.setTimeout(120_000);

/** A file of /proc/<pid>, or '' for a process that has exited meanwhile. */
function proc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Which Chromium the tests drive (test/factories/chromium.ts), and that the one
 * inside the @sparticuz/chromium npm package needs nothing from the machine: on a
 * bare one (Node, nothing from apt) it is the only Chromium there is.
 */
describe('browser: the Chromium the tests drive', () => {
  it('takes /usr/bin/chromium when present, else the bundled build; CHROMIUM_PATH=bundled forces it, a wrong path is named', async () => {
    // Any existing file stands in for /usr/bin/chromium.
    expect(await chromiumBuild({ wanted: undefined, system: process.execPath })).toEqual({ kind: 'system', executablePath: process.execPath, env: {} });
    const bare = await chromiumBuild({ wanted: undefined, system: '/nonexistent/chromium' });
    expect(bare.kind).toBe('bundled');
    expect(await chromiumBuild({ wanted: 'bundled', system: process.execPath })).toEqual(bare);
    expect(await chromiumBuild({ wanted: process.execPath })).toEqual({ kind: 'system', executablePath: process.execPath, env: {} });
    await expect(chromiumBuild({ wanted: '/nonexistent/chromium' })).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium: no such file');
  });

  it('unpacks the bundled build once when several launches ask at the same time, and only complete', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tradebridge-unpack-'));
    const said = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const ask = () => chromiumBuild({ wanted: 'bundled', unpackRoot: fresh });
      const builds = await Promise.all([ask(), ask(), ask()]);
      expect(new Set(builds.map((b) => b.executablePath)).size).toBe(1);
      expect(said.mock.calls.filter(([line]) => String(line).startsWith('Unpacked the bundled Chromium'))).toHaveLength(1);
      // Renamed into place whole; no lock or partial directory left behind.
      const [unpacked, ...others] = readdirSync(fresh);
      expect([unpacked, others]).toEqual([expect.stringMatching(/^tradebridge-chromium-\d+\.\d+\.\d+$/), []]);
      expect(builds[0].executablePath).toBe(join(fresh, unpacked, 'chromium'));
      expect(readdirSync(join(fresh, unpacked)).sort()).toEqual(['al2023', 'chromium', 'fonts']);
    } finally {
      said.mockRestore();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('runs the bundled build on the libraries and fonts of the package alone', async () => {
    const build = await chromiumBuild({ wanted: 'bundled' });
    const dir = join(build.executablePath, '..');
    const browser = await launchChromium({}, build);
    try {
      const page = await browser.newPage();
      await page.setContent('<p>TradeBridge</p>');
      // The NSS and expat libraries of every browser process come from the package, not from /usr/lib.
      const processes = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && proc(pid, 'cmdline').startsWith(build.executablePath));
      const linked = new Set(
        processes.flatMap((pid) =>
          proc(pid, 'maps')
            .split('\n')
            .map((line) => line.split(/\s+/)[5] ?? '')
            .filter((path) => /\/lib(nss3|nspr4|expat)\.so/.test(path)),
        ),
      );
      expect([...linked].sort()).toEqual(['libexpat.so.1', 'libnspr4.so', 'libnss3.so'].map((lib) => join(dir, 'al2023', 'lib', lib)));
      // Fontconfig sees the package's Open Sans only: a font installed on this machine falls back to it.
      const width = (family: string) =>
        page.evaluate(`(() => { const c = document.createElement('canvas').getContext('2d'); c.font = '40px ${family}'; return c.measureText('Tiếng Việt 0123').width; })()`);
      expect(await width('"DejaVu Sans"')).toBe(await width('"Open Sans"'));
      expect(await width('"Liberation Sans"')).toBe(await width('"Open Sans"'));
    } finally {
      await browser.close();
    }
  });
});
