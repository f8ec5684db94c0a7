#!/usr/bin/env node
// Build the server into plain JavaScript (`server/dist/`) with esbuild, so `npm start` runs
// `node server/dist/main.mjs` instead of compiling TypeScript at run time through tsx. tsx keeps a
// loader thread and every module's source map in memory: ~35 MiB of resident memory for this
// server (measured: 119–127 MiB at start under tsx, 84–86 MiB from this build).
//
// Our own code (server/src and @truenorth/shared) is bundled; every package the server depends
// on stays an import resolved from server/node_modules at run time (native better-sqlite3, the
// font files, pdfkit's data files). Code that loads on use (PostgreSQL, Redis, exports) becomes
// its own chunk and still loads on use.
//
//   node server/scripts/build.mjs              → server/dist/main.mjs (+ worker.mjs, chunks)
//   node server/scripts/build.mjs --out=dist-e2e → the same into server/dist-e2e (the e2e server,
//                                                so a test run never replaces a running server's files)
//   node server/scripts/build.mjs --bench      → server/dist-bench/ (+ the relay bench's server process)
//   … --no-minify                               keeps line breaks and comments (readable CPU profiles)
//
// Every output directory sits in server/ (packages resolve from server/node_modules) and two
// levels below the repository root, like server/src/*.ts (paths relative to a module, such as the
// client's build, stay right).
//
// The export pool starts `./worker.mjs` next to its own module: src/export/pdf/worker.mjs (which
// registers tsx) when running from the sources, dist/worker.mjs (the bundled thread) here.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages loaded from server/node_modules at run time instead of bundled: native code
 * (better-sqlite3), packages that read their own files (pdfkit's font metrics, fontkit, the font
 * packages), the optional backends (loaded only when configured), and the bench's peers.
 */
function externals() {
  const pkg = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8'));
  const own = ['better-sqlite3', 'pdfkit', 'fontkit', 'pg', 'ioredis', '@expo-google-fonts/*'];
  return [...own, ...Object.keys(pkg.devDependencies ?? {}).filter((name) => !name.startsWith('@types/'))];
}

/**
 * Packages our dependencies require on a path this server never or rarely takes. Bundled, each
 * would sit in the heap from the start (its source text, which V8 keeps, and for a top-level
 * `require` everything it builds when it loads); left out, it still loads from where it is
 * installed the first time it is really used.
 *
 * - `external`: required lazily already. Fastify compiles JSON schemas with Ajv and
 *   fast-json-stringify only for routes that declare them (zod validates and serializes here;
 *   routes/schemas.ts), and light-my-request serves `app.inject()` (tests, which run the sources).
 * - `constructors`: required at the top of a module but only ever called with `new` later; the
 *   bundle gets a stand-in that requires the package at the first `new`. @fastify/websocket's
 *   `injectWS` (tests) streams through duplexify (with readable-stream, a userland copy of Node's
 *   streams); @fastify/rate-limit groups IPv6 clients by subnet with ip-address's `Address6`.
 *   Together ~1 MiB of heap at start.
 * - `functions`: the same for packages whose exports are only ever called later: the stand-in's
 *   functions require the package at the first call. @fastify/static lists the client's files
 *   with glob (with minimatch, path-scurry, lru-cache, minipass: ~300 KB of source) only for
 *   `wildcard: false`, and builds `Content-Disposition` headers only for `reply.download()`; the
 *   client's routes use neither (routes/client.ts). ~0.4 MiB of heap in a server that serves
 *   its client.
 *
 * The requiring packages are pinned (server/package.json): on an upgrade, check they still only
 * construct or call these (test/build-first-use.test.ts).
 *
 * @type {Record<string, { external: true } | { constructors: 'module' | string[] } | { functions: string[] }>}
 */
export const ON_FIRST_USE = {
  '@fastify/ajv-compiler': { external: true },
  '@fastify/fast-json-stringify-compiler': { external: true },
  'light-my-request': { external: true },
  duplexify: { constructors: 'module' },
  'ip-address': { constructors: ['Address6'] },
  glob: { functions: ['glob'] },
  'content-disposition': { functions: ['create'] },
};

/**
 * The stand-in module for a package whose exports are only constructed or only called: each `new`
 * (or call) is passed on to the real export, whose package is required the first time.
 * @param {string} real the package's path, relative to the chunk that requires it
 * @param {{ constructors: 'module' | string[] } | { functions: string[] }} how
 */
export function standIn(real, how) {
  const load = `let real; const load = () => (real ??= require(${JSON.stringify(real)}));`;
  if ('constructors' in how && how.constructors === 'module') {
    return `${load}\nmodule.exports = function (...args) { return new (load())(...args); };\n`;
  }
  const names =
    'functions' in how
      ? how.functions.map(
          (name) => `exports.${name} = function (...args) { return load().${name}.apply(this, args); };`,
        )
      : how.constructors.map(
          (name) => `exports.${name} = function (...args) { return new (load().${name})(...args); };`,
        );
  return `${load}\n${names.join('\n')}\n`;
}

/** @param {string} outdir @returns {import('esbuild').Plugin} */
export function onFirstUse(outdir) {
  const names = Object.keys(ON_FIRST_USE).map((n) => n.replace(/[/.]/g, '\\$&'));
  const filter = new RegExp(`^(${names.join('|')})$`);
  return {
    name: 'on-first-use',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'inner',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        // Relative to the chunk that requires it (every chunk sits in `outdir`).
        const real = `./${relative(outdir, found.path)}`;
        const how = ON_FIRST_USE[args.path];
        if (!how || 'external' in how) return { path: real, external: true };
        return { path: args.path, namespace: 'on-first-use', pluginData: { real, how } };
      });
      // The stand-in's own require of the real package stays a require at run time.
      build.onResolve({ filter: /^\.\/.*node_modules/, namespace: 'on-first-use' }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
        contents: standIn(args.pluginData.real, args.pluginData.how),
        loader: 'js',
      }));
    },
  };
}

/**
 * zod re-exports every one of its locales as `z.locales` (~300 KB of source, half of zod's bundled
 * size, which V8 would keep in the heap). The server's messages are English, zod's default, which
 * zod imports on its own (`z.config(en())`); in the bundle `z.locales` holds English only.
 * @returns {import('esbuild').Plugin}
 */
export function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]zod[\\/]v4[\\/](core|classic)$/.test(args.resolveDir)) return undefined;
        return {
          path: 'zod-locales',
          namespace: 'zod-english-only',
          pluginData: join(args.resolveDir, '../locales'),
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
        contents: "export { default as en } from './en.js';\n",
        resolveDir: args.pluginData,
        loader: 'js',
      }));
    },
  };
}

/**
 * @param {{ bench?: boolean, out?: string, minify?: boolean }} [options] `out`: a directory name
 *   inside server/; `minify: false` keeps the code readable (for CPU profiles)
 * @returns {Promise<string>} the output directory
 */
export async function buildServer(options = {}) {
  const out = options.out ?? (options.bench ? 'dist-bench' : 'dist');
  if (!/^dist(-[a-z0-9]+)?$/.test(out)) throw new Error(`--out must be dist or dist-<name>, not ${out}`);
  const outdir = join(serverDir, out);
  const entryPoints = [
    { in: join(serverDir, 'src/main.ts'), out: 'main' },
    { in: join(serverDir, 'src/export/pdf/worker-main.ts'), out: 'worker' },
  ];
  if (options.bench)
    entryPoints.push({ in: join(serverDir, 'bench/server-process.ts'), out: 'server-process' });
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Chunks sit next to the entries: modules find files relative to themselves (import.meta.url).
    external: externals(),
    plugins: [onFirstUse(outdir), zodEnglishOnly()],
    // Bundled CommonJS packages (Fastify, pino, …) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // V8 keeps every module's source text in the heap: whitespace and comments out (names stay,
    // for readable stack traces).
    minifyWhitespace: options.minify ?? true,
    minifySyntax: options.minify ?? true,
    // Stack traces point at the TypeScript sources; the map is read only when an error is printed
    // with --enable-source-maps, so it costs no memory otherwise.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outdir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  const outdir = await buildServer({
    bench: process.argv.includes('--bench'),
    out,
    minify: !process.argv.includes('--no-minify'),
  });
  console.info(`server built into ${outdir}`);
}
