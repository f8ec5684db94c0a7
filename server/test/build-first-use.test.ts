/**
 * What the server bundle leaves out (scripts/build.mjs). Packages used only on rare paths
 * (`ON_FIRST_USE`): the bundle holds none of the package, loading the bundle loads none of it, and
 * the first `new` (or call) loads the real package and behaves exactly like it. zod's locales
 * other than English (`zodEnglishOnly`): gone, with English messages intact.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, ON_FIRST_USE, onFirstUse, zodEnglishOnly } from '../scripts/build.mjs';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const outdir = fs.mkdtempSync(path.join(serverDir, 'dist-first-use-'));

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Where the package that depends on `name` is installed (pnpm keeps its dependencies beside it). */
const dependent = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/** Bundle `source` (CommonJS, resolved from `resolveDir`) with the stand-ins; returns the file. */
async function bundle(name: string, source: string, resolveDir: string): Promise<string> {
  const outfile = path.join(outdir, `${name}.cjs`);
  await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile,
    plugins: [onFirstUse(outdir)],
    logLevel: 'silent',
  });
  return outfile;
}

const loaded = (fragment: string) => Object.keys(require.cache).some((f) => f.includes(fragment));

describe('packages loaded on first use', () => {
  it('leaves every listed package out of the server bundle, required from where it is installed', async () => {
    const dir = await buildServer({ out: 'dist-firstuse' });
    try {
      const text = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
        .join('\n');
      for (const pkg of Object.keys(ON_FIRST_USE)) {
        const escaped = pkg.replace(/[/.]/g, '\\$&');
        // Required at run time by a path into node_modules …
        expect(text, pkg).toMatch(new RegExp(`require\\("\\./[^"]*node_modules/${escaped}/`));
        // … and none of its modules bundled (esbuild keys each bundled CommonJS module by its path).
        expect(text, pkg).not.toMatch(new RegExp(`__commonJS\\(\\{"[^"]*node_modules/${escaped}/`));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ip-address: Address6 works, and the package loads at the first `new`', async () => {
    const file = await bundle(
      'ip-address',
      "const { Address6 } = require('ip-address'); module.exports = { Address6 };",
      dependent('@fastify/rate-limit'),
    );
    // The bundle holds a stand-in, not the package.
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('node_modules/ip-address');
    expect(text).not.toContain('class Address6');

    const { Address6 } = require(file) as {
      Address6: new (ip: string) => { correctForm(): string; startAddress(): { correctForm(): string } };
    };
    expect(loaded('/ip-address/')).toBe(false);
    // What @fastify/rate-limit does with it: group an IPv6 client by its /64.
    const subnet = new Address6('2001:db8:1:2:3:4:5:6/64').startAddress().correctForm();
    expect(subnet).toBe('2001:db8:1:2::');
    expect(new Address6('::1').correctForm()).toBe('::1');
    expect(loaded('/ip-address/')).toBe(true);
  });

  it('duplexify: `new` on the module gives the real duplex stream', async () => {
    const file = await bundle(
      'duplexify',
      "module.exports = require('duplexify');",
      dependent('@fastify/websocket'),
    );
    expect(fs.readFileSync(file, 'utf8')).not.toContain('readable-stream');
    const Duplexify = require(file) as new () => { setReadable?: unknown; setWritable?: unknown };
    expect(loaded('/duplexify/')).toBe(false);
    const stream = new Duplexify();
    expect(typeof stream.setReadable).toBe('function');
    expect(typeof stream.setWritable).toBe('function');
    expect(loaded('/duplexify/')).toBe(true);
  });

  it('glob: the bundle holds none of it, the first call loads it and lists the files', async () => {
    const file = await bundle('glob', "module.exports = require('glob');", dependent('@fastify/static'));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('node_modules/glob');
    // Neither glob nor what it brings (minimatch, path-scurry, lru-cache).
    expect(text).not.toMatch(/minimatch|path-scurry|lru-cache/);
    const { glob } = require(file) as {
      glob: (pattern: string, options: { cwd: string; nodir: boolean }) => Promise<string[]>;
    };
    expect(loaded('/glob/')).toBe(false);
    // What @fastify/static does with it for `wildcard: false`: list every file under its root.
    const root = fs.mkdtempSync(path.join(outdir, 'root-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
    const files = await glob('**/**', { cwd: root, nodir: true });
    expect(files.map((f) => f.split(path.sep).join('/')).sort()).toEqual(['assets/app.js', 'index.html']);
    expect(loaded('/glob/')).toBe(true);
  });

  it('content-disposition: `create` loads the package at the first call and answers as it does', async () => {
    const file = await bundle(
      'content-disposition',
      "module.exports = require('content-disposition');",
      dependent('@fastify/static'),
    );
    const { create } = require(file) as { create: (name: string) => string };
    expect(loaded('/content-disposition/')).toBe(false);
    const header = create('Workshop record — Acme.pdf');
    expect(loaded('/content-disposition/')).toBe(true);
    const real = createRequire(path.join(dependent('@fastify/static'), 'index.js'))(
      'content-disposition',
    ) as {
      create: (name: string) => string;
    };
    expect(header).toBe(real.create('Workshop record — Acme.pdf'));
    expect(header).toContain("filename*=UTF-8''Workshop%20record%20%E2%80%94%20Acme.pdf");
  });
});

describe('zod in the bundle', () => {
  it('keeps English messages and drops every other locale', async () => {
    const outfile = path.join(outdir, 'zod.mjs');
    const source = `import { z } from 'zod';
      export const locales = Object.keys(z.locales);
      export const message = z.object({ n: z.number() }).safeParse({ n: 'x' }).error?.issues[0]?.message;`;
    const sharedDir = path.join(serverDir, '../shared/src');
    const options = {
      stdin: { contents: source, resolveDir: sharedDir, loader: 'js' as const },
      bundle: true,
      format: 'esm' as const,
      platform: 'node' as const,
      outfile,
      logLevel: 'silent' as const,
    };
    await build({ ...options, plugins: [zodEnglishOnly()] });
    const bundled = (await import(outfile)) as { locales: string[]; message: string };
    expect(bundled.locales).toEqual(['en']);
    expect(bundled.message).toBe('Invalid input: expected number, received string');
    // Without the plugin the same bundle is more than twice the size: the locales were half of it.
    const withLocales = path.join(outdir, 'zod-all.mjs');
    await build({ ...options, outfile: withLocales });
    expect(fs.statSync(withLocales).size).toBeGreaterThan(1.5 * fs.statSync(outfile).size);
  });
});
