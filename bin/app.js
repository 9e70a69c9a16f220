#!/usr/bin/env node
/**
 * Runs the project's TypeScript entry points bundled ahead of time, rebuilt whenever anything they
 * were built from changed, from V8's code cache:
 *
 *   node bin/app.js                       main.ts: the app `cdktf synth` runs (cdktf.json "app")
 *   node bin/app.js scripts/diff.ts …     any other entry point, with its arguments (npm run …)
 *
 * (bin/datalab.js loads cli/datalab.ts the same way, through `load`.)
 *
 * - Build: esbuild (the compiler tsx already uses) bundles the entry with everything it imports,
 *   the cdktf libraries included, into one CommonJS file, .build/<entry>.js (.build/main.js for
 *   main.ts). One file means no module resolution, and no TypeScript compiler at run time.
 * - Freshness: the first line of the bundle records every file it was built from (each project
 *   source, the package.json of each bundled package, tsconfig.json, this file) with its
 *   modification time and size, and the project directory. Before running, each is compared (one
 *   stat per file, a few milliseconds); any difference, a missing file or a moved checkout
 *   rebuilds first (about half a second). Edit stacks/*.ts, run `npx cdktf synth`, get the edit. A
 *   fresh clone has no .build/, so its first synth builds. Record and code are one file, written to
 *   a temporary name and renamed: a reader never sees a record that does not belong to the code
 *   below it, even with two synths building at once.
 * - Paths: every `__dirname` and `__filename` in the bundled code is replaced by the path of the
 *   file it was written in, so config/, jobs/, images/, stacks/seaweedfs-provision.sh and .gen/ are
 *   read from where they are, as under tsx.
 * - Lazy modules: cdktf loads `archiver` (zip archives, and through it streams, glob and zlib) and
 *   `child_process` when it starts; the platform uses neither (its assets are directories), so the
 *   bundle loads them on first use instead.
 * - Code cache: V8's compiled code for a bundle is kept next to it (.build/<entry>.<build>.<key>.cache,
 *   one per build, Node version and V8 flags), so a run does not compile cdktf's code again.
 *
 * The output is byte for byte that of `node --import tsx main.ts` (__tests__/app-build.test.ts).
 *
 * - Token traces: cdktf's per-token stack traces are off in the bundle (see TOKEN_TRACE_MODULE).
 *
 * `DATALAB_DEBUG=1` (debugging) runs the entry from its TypeScript sources through tsx instead,
 * with source maps, and with cdktf's per-token stack traces on: stack traces, of an error or of a
 * token that fails to resolve, then name .ts files and lines.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_ENTRY = 'main.ts';
/** Changes whenever the layout of the record or of the build changes. */
const FORMAT = 1;
const RECORD_PREFIX = '//datalab-build ';
/** Modules cdktf requires when it loads, used only by features the platform does not use. */
const LAZY_MODULES = { archiver: 'function', child_process: 'object' };

/** Where bundles and their code caches live: .build/, or `DATALAB_BUILD_DIR`. */
function buildDir(root = ROOT, env = process.env) {
  return env.DATALAB_BUILD_DIR ? path.resolve(env.DATALAB_BUILD_DIR) : path.join(root, '.build');
}

const posix = (p) => p.split(path.sep).join('/');

/** `main.ts` → `main`, `scripts/diff.ts` → `scripts--diff`: the bundle's base name. */
function bundleName(entry) {
  return posix(entry).replace(/\.[cm]?ts$/, '').replace(/\//g, '--');
}

/** The build record at the top of a bundle, or undefined when `code` is not a bundle this version wrote. */
function readRecord(code) {
  if (!code.startsWith(RECORD_PREFIX)) return undefined;
  try {
    const record = JSON.parse(code.slice(RECORD_PREFIX.length, code.indexOf('\n')));
    return record.format === FORMAT ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Why the bundle recorded by `record` is out of date, or undefined when it is up to date. */
function staleReason(record, root = ROOT) {
  if (!record) return 'no build';
  if (record.root !== root) return `built in ${record.root}`;
  for (const [rel, mtimeMs, size] of record.inputs) {
    const st = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!st) return `${rel} is gone`;
    if (st.mtimeMs !== mtimeMs || st.size !== size) return `${rel} changed`;
  }
  return undefined;
}

/** The package directory of a file below node_modules (`node_modules/@scope/name`). */
function packageDirOf(rel) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(rel);
  return m ? m[1] : undefined;
}

/**
 * esbuild plugin: `__dirname` and `__filename` become the location of the file they appear in
 * (esbuild's `define`, which replaces only those identifiers, not text in strings or comments).
 */
function sourcePaths(root) {
  return {
    name: 'datalab-source-paths',
    setup(build) {
      const esbuild = require('esbuild');
      const tsconfigRaw = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
      build.onLoad({ filter: /\.(ts|js|cjs)$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes('__dirname') && !text.includes('__filename')) return undefined;
        const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
        const r = await esbuild.transform(text, {
          loader,
          sourcefile: args.path,
          tsconfigRaw: loader === 'ts' ? tsconfigRaw : undefined,
          define: { __dirname: JSON.stringify(path.dirname(args.path)), __filename: JSON.stringify(args.path) },
        });
        return { contents: r.code, loader: 'js' };
      });
    },
  };
}

/**
 * cdktf records a complete stack trace for every token it creates (every reference, `Lazy` value,
 * `Fn` call and computed list) and shows it only when that token later fails to resolve. Capturing
 * them is the largest single cost of a synth after resolving itself (about a quarter of it; under
 * jest, which maps each trace through source maps, close to half of a test that synthesizes), and
 * DataLab reports its own errors as messages, never as cdktf's creation stacks. So the module that
 * captures them is swapped, at build time, for one that captures nothing: here in the bundle, and
 * in jest by a transform (scripts/jest/no-token-traces.cjs). No project code imports the module (it
 * is not public API); if a cdktf release moves it, the filter matches nothing and traces are simply
 * recorded again: slower, the same output. `DATALAB_DEBUG=1` runs the sources through tsx, with
 * cdktf's own module, so a trace is there when debugging.
 */
const TOKEN_TRACE_MODULE = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/;
const NO_TOKEN_TRACES = "'use strict';\nexports.captureStackTrace = function captureStackTrace() {\n  return [];\n};\n";

/** esbuild plugin: cdktf's token stack-trace module captures nothing (see TOKEN_TRACE_MODULE). */
function noTokenTraces() {
  return {
    name: 'datalab-no-token-traces',
    setup(build) {
      build.onLoad({ filter: TOKEN_TRACE_MODULE }, () => ({ contents: NO_TOKEN_TRACES, loader: 'js' }));
    },
  };
}

/** esbuild plugin: the LAZY_MODULES, as cdktf requires them, load on first use. */
function lazyModules() {
  return {
    name: 'datalab-lazy-modules',
    setup(build) {
      const names = Object.keys(LAZY_MODULES).join('|');
      build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => {
        if (!/[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]/.test(args.importer)) return undefined;
        const real = args.path === 'child_process' ? 'node:child_process' : require.resolve(args.path, { paths: [args.resolveDir] });
        return { path: args.path, namespace: 'datalab-lazy', pluginData: { real, resolveDir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace: 'datalab-lazy' }, (args) => {
        const load = `require(${JSON.stringify(args.pluginData.real)})`;
        const contents = LAZY_MODULES[args.path] === 'function'
          ? `let real; module.exports = function (...args) { return (real ??= ${load})(...args); };`
          : `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= ${load})[key] });`;
        return { contents, loader: 'js', resolveDir: args.pluginData.resolveDir };
      });
    },
  };
}

/**
 * Bundles `entry` into `<dir>/<name>.js` (written under a temporary name, then renamed) and removes
 * the code caches of its earlier builds. Resolves to the bundle's text.
 */
async function build({ root = ROOT, dir = buildDir(root), entry = DEFAULT_ENTRY } = {}) {
  const esbuild = require('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    // Whitespace and comments only (names and syntax are kept): a smaller file to read and an
    // all-ASCII one, which reads as Latin-1 without UTF-8 decoding.
    minifyWhitespace: true,
    charset: 'ascii',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [noTokenTraces(), sourcePaths(root), lazyModules()],
  });
  const code = result.outputFiles[0].text;
  // Besides the bundled sources, the build depends on tsconfig.json and on this file.
  const files = new Set(['tsconfig.json', posix(path.relative(root, __filename))]);
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.startsWith('datalab-lazy:')) continue; // a plugin's virtual module
    const rel = posix(path.relative(root, path.resolve(root, input)));
    const pkg = packageDirOf(rel);
    files.add(pkg && fs.existsSync(path.join(root, pkg, 'package.json')) ? `${pkg}/package.json` : rel);
  }
  const inputs = [...files].sort().map((rel) => {
    const st = fs.statSync(path.join(root, rel));
    // A file changed while the build ran may or may not be in it: record it as stale.
    return [rel, st.mtimeMs >= started ? -1 : st.mtimeMs, st.size];
  });
  const id = require('node:crypto').createHash('sha256').update(code).digest('hex').slice(0, 16);
  const record = { format: FORMAT, id, entry: posix(entry), root, built: new Date(started).toISOString(), inputs };
  const text = `${RECORD_PREFIX}${JSON.stringify(record)}\n${code}`;
  const name = bundleName(entry);
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, `${name}.js`), text);
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith(`${name}.`) && f.endsWith('.cache') && !f.startsWith(`${name}.${id}.`)) fs.rmSync(path.join(dir, f), { force: true });
  }
  return text;
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** FNV-1a, for naming a code cache after the Node version and flags it was made with. */
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** V8 rejects a cache made by another Node version or with other V8 flags: one file per combination. */
function cacheFileFor(bundle, record) {
  const runtime = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  return bundle.replace(/\.js$/, `.${record.id}.${fnv(runtime)}.cache`);
}

/**
 * Runs a bundle as a CommonJS module, from (and then into) its code cache; returns its exports.
 * As the program (`asMain`), `require.main` is the bundle itself.
 */
function runBundle(file, code, asMain) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = cacheFileFor(file, readRecord(code));
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run of this build with this Node: compiled now, cached at exit
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit the cache also holds every function the run compiled, not only the top level.
    process.once('exit', () => {
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // a read-only checkout: run uncached
      }
    });
  }
  const mod = new Module(file, null);
  mod.filename = file;
  const req = Module.createRequire(file);
  if (asMain) req.main = mod;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

function readBundle(file) {
  try {
    // Latin-1 is exact for the all-ASCII bundle, and skips UTF-8 decoding.
    return fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

/** esbuild's report of a failed build (file, line, column, the line itself), or the error's stack. */
function buildFailure(entry, err) {
  const errors = err && err.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const lines = require('esbuild').formatMessagesSync(errors, { kind: 'error', color: false });
    return `cannot build ${entry}:\n${lines.join('')}`;
  }
  return `cannot build ${entry}: ${(err && err.stack) || err}\n`;
}

/** The first build error on one line: `cannot build cli/datalab.ts: stacks/x.ts:3:7: Unexpected ";"`. */
function oneLine(entry, err) {
  const first = err && Array.isArray(err.errors) ? err.errors[0] : undefined;
  if (!first) return `cannot build ${entry}: ${String((err && err.message) || err).split('\n')[0]}`;
  const at = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
  return `cannot build ${entry}: ${at}${first.text}`;
}

/**
 * Calls `ready(file, code)` with an up-to-date bundle of `entry`: at once when the existing one is
 * current, else after building it (outside the build's promise, so that an exception thrown by the
 * bundle's code is uncaught, exactly as when run directly); `failed(err)` when the build fails.
 */
function withBundle({ root, dir, entry }, ready, failed) {
  const file = path.join(dir, `${bundleName(entry)}.js`);
  const code = readBundle(file);
  if (code && !staleReason(readRecord(code), root)) return ready(file, code);
  build({ root, dir, entry }).then((text) => setImmediate(() => ready(file, text)), failed);
}

function options({ root = ROOT, dir, entry = DEFAULT_ENTRY } = {}) {
  const rel = posix(path.isAbsolute(entry) ? path.relative(root, entry) : entry);
  return { root, dir: dir ?? buildDir(root), entry: rel };
}

/** Builds `entry` unless its bundle is up to date; resolves to whether it built. */
function ensureBuilt(opts) {
  const o = options(opts);
  const code = readBundle(path.join(o.dir, `${bundleName(o.entry)}.js`));
  if (code && !staleReason(readRecord(code), o.root)) return Promise.resolve(false);
  return build(o).then(() => true);
}

/** Runs `entry` of the project at `root` as the program: from its bundle, rebuilt first when out of date. */
function run(opts) {
  const o = options(opts);
  if (process.env.DATALAB_DEBUG) {
    require('tsx/cjs/api').register();
    require(path.join(o.root, o.entry));
    return;
  }
  withBundle(o, (file, code) => {
    runBundle(file, code, true);
    setImmediate(exitWhenDone);
  }, (err) => {
    process.stderr.write(buildFailure(o.entry, err));
    process.exit(1);
  });
}

/**
 * Ends the process once the program has nothing left to do: no timer, socket, child process, file
 * operation or stream pending (stdout and stderr aside, when they hold nothing unwritten), no
 * microtask (this runs as an immediate, after them), no `beforeExit` listener. Node would end it there
 * too, but only after waiting for V8's background work (optimizing compiles, GC tasks) to drain,
 * about a tenth of a synth. The exit code is the program's own (`process.exitCode`).
 */
function exitWhenDone() {
  const stdio = (h) => h === process.stdout || h === process.stderr;
  const handles = process._getActiveHandles().filter((h) => !stdio(h));
  // Timers and requests (file system, DNS, …); the stdio streams' own handles are left to the check above.
  const others = process.getActiveResourcesInfo().filter((r) => r !== 'PipeWrap' && r !== 'TTYWrap');
  const unwritten = process.stdout.writableLength + process.stderr.writableLength;
  if (handles.length === 0 && others.length === 0 && unwritten === 0 && process.listenerCount('beforeExit') === 0) process.exit();
}

/** Resolves to the exports of `entry` (bundled, rebuilt first when out of date); rejects when it does not build. */
function load(opts) {
  const o = options(opts);
  if (process.env.DATALAB_DEBUG) {
    require('tsx/cjs/api').register();
    return Promise.resolve(require(path.join(o.root, o.entry)));
  }
  return new Promise((resolve, reject) => {
    withBundle(o, (file, code) => {
      try {
        resolve(runBundle(file, code, false));
      } catch (err) {
        reject(err);
      }
    }, (err) => reject(new Error(oneLine(o.entry, err))));
  });
}

if (require.main === module) {
  // `node bin/app.js [entry.ts] [args…]`: the entry takes this file's place in process.argv, as if
  // run directly (`node --import tsx entry.ts args…`).
  const given = process.argv[2] !== undefined && /\.[cm]?ts$/.test(process.argv[2]) ? process.argv[2] : undefined;
  const entry = given ? path.relative(ROOT, path.resolve(given)) : DEFAULT_ENTRY;
  process.argv.splice(1, given ? 2 : 1, path.join(ROOT, entry));
  run({ entry });
} else {
  module.exports = { build, buildDir, bundleName, ensureBuilt, load, readRecord, run, staleReason, NO_TOKEN_TRACES, RECORD_PREFIX, ROOT, TOKEN_TRACE_MODULE };
}
