/**
 * Property tests over mutations of the real environment files: every invalid or edge-case config
 * ends in a ConfigError naming a path (or parses), never in any other exception.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { ConfigError, parseEnvironment } from '../config/loader';
import { envConfigSchema } from '../config/schema';
import { appCommand } from './app-command';
import { ENVS } from './helpers';
import { unwrapSchema } from '../config/parse';

type Path = (string | number)[];
type Doc = Record<string, unknown>;

const ROOT = path.join(__dirname, '..');
const base: Record<string, Doc> = Object.fromEntries(ENVS.map((e) => [e, parse(fs.readFileSync(path.join(ROOT, 'config', `${e}.yaml`), 'utf8')) as Doc]));

/** A mutation of one environment file and the config path its error must name. */
interface Mutation {
  readonly env: string;
  readonly kind: string;
  readonly apply: (doc: Doc) => void;
  /** The error must name one of these paths (or a path below one); undefined: any ConfigError. */
  readonly expect?: readonly Path[];
}

function walk(node: unknown, p: Path, out: { leaves: [Path, unknown][]; objects: Path[] }): void {
  if (Array.isArray(node)) node.forEach((x, i) => walk(x, [...p, i], out));
  else if (node && typeof node === 'object') {
    out.objects.push(p);
    for (const [k, v] of Object.entries(node)) walk(v, [...p, k], out);
  } else out.leaves.push([p, node]);
}

function get(doc: unknown, p: Path): unknown {
  return p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)?.[k], doc);
}
/** Set/delete at a path; a no-op when an earlier mutation removed the parent. */
function set(doc: Doc, p: Path, v: unknown): void {
  const parent = p.length === 0 ? undefined : get(doc, p.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<string | number, unknown>)[p[p.length - 1]] = v;
}
function del(doc: Doc, p: Path): void {
  const parent = get(doc, p.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[p[p.length - 1]];
}

/** Out-of-range values by key name (the schema's bounds, just outside). */
const OUT_OF_RANGE: Record<string, unknown[]> = {
  'host.memoryMb': [0, 511, -1, 2048.5],
  'host.cpus': [0, -1],
  memoryMb: [0, 31, -1, 1_048_577, 64.5],
  port: [0, -80, 65_536, 100_000, 80.5],
  cpus: [0, -1, 257],
  partitions: [0, -3, 10_001, 1.5],
  replication: [0, 33, 2.5],
  retentionHours: [0, -2, 876_001],
  heapMb: [0, 127, 10.5],
  waitTimeoutSeconds: [0, 9, 3601],
  expireDays: [0, 36_501],
  noncurrentExpireDays: [0, -1],
};
const BAD_IMAGES = ['minio/minio', 'minio/minio:latest', 'Upper/Case:1.0', 'apache/kafka:', ':4.1.1', 'img:tag with space', 'img:1.0@sha256:abc', '', 'registry:5000/app', 'x'.repeat(10) + ':' + 'y'.repeat(200)];
const REQUIRED: Path[] = [['environment'], ['host'], ['groups'], ['core'], ['host', 'memoryMb'], ['host', 'cpus'], ['core', 'minio'], ['core', 'kafka'], ['core', 'consul'], ['core', 'consulEsm'], ['core', 'kafkaUi'], ['core', 'minio', 'image'], ['core', 'kafka', 'memoryMb'], ['core', 'kafka', 'heapMb'], ['core', 'topics', 0, 'partitions'], ['core', 'topics', 0, 'retentionHours'], ['core', 'buckets', 0, 'name']];

const unwrap = unwrapSchema;

/** The schema at a config path (wrappers kept), so mutations can be checked to be invalid there. */
function schemaAt(p: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = envConfigSchema;
  for (const seg of p) {
    if (!s) return undefined;
    const u = unwrap(s);
    if (u instanceof z.ZodObject) s = (u.shape as Record<string, z.ZodType>)[String(seg)];
    else if (u instanceof z.ZodArray) s = u.element as z.ZodType;
    else if (u instanceof z.ZodRecord) s = u.valueType as z.ZodType;
    else return undefined;
  }
  return s;
}

/** Whether the schema at `p` rejects `v` on its own. */
const rejects = (p: Path, v: unknown) => schemaAt(p)?.safeParse(v).success === false;

const arbitraries = new Map<string, fc.Arbitrary<Mutation>>();

/** The mutations of one environment file (built once per file: `chain` asks for it per sample). */
function mutationsFor(env: string): fc.Arbitrary<Mutation> {
  const hit = arbitraries.get(env);
  if (hit) return hit;
  const arb = buildMutations(env);
  arbitraries.set(env, arb);
  return arb;
}

function buildMutations(env: string): fc.Arbitrary<Mutation> {
  const shape = { leaves: [] as [Path, unknown][], objects: [] as Path[] };
  walk(base[env], [], shape);
  const services = shape.objects.filter((p) => typeof get(base[env], [...p, 'image']) === 'string');
  // Disabled services publish nothing and public ones may bind anywhere: no clash or binding error to expect.
  const active = services.filter((p) => get(base[env], [...p, 'enabled']) !== false && get(base[env], [...p, 'public']) !== true);
  const bindings = active.flatMap((s) => Object.keys((get(base[env], [...s, 'ports']) as Doc | undefined) ?? {}).map((name) => [...s, 'ports', name] as Path));
  const rangeKey = (p: Path) => (p[0] === 'host' ? p.join('.') : String(p[p.length - 1]));
  const ranged = shape.leaves.filter(([p]) => rangeKey(p) in OUT_OF_RANGE).map(([p]) => p);
  // Only mappings validated as objects (not free-form records) must reject an unknown key.
  const strictObjects = shape.objects.filter((p) => { const t = schemaAt(p); return t !== undefined && unwrap(t) instanceof z.ZodObject; });
  const typedLeaves = shape.leaves.filter(([p]) => schemaAt(p) !== undefined);
  const topics = (get(base[env], ['core', 'topics']) as unknown[]).length;

  const wrongTypes = typedLeaves
    .map(([p, v]) => {
      const all = typeof v === 'number' ? ['many', true, [1], { a: 1 }, null] : typeof v === 'boolean' ? ['yes', 1, [], null] : [42, true, ['a'], { a: 'b' }, null];
      return [p, all.filter((c) => rejects(p, c))] as const;
    })
    .filter(([, choices]) => choices.length > 0);
  const wrongType = fc.tuple(fc.constantFrom(...wrongTypes), fc.nat()).map(
    ([[p, choices], n]): Mutation => ({ env, kind: `wrong type at ${p.join('.')}`, apply: (d) => set(d, p, choices[n % choices.length]), expect: [p] }),
  );
  const unknownKey = fc.tuple(fc.constantFrom(...strictObjects), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/), fc.jsonValue()).map(
    ([p, k, v]): Mutation => ({ env, kind: `unknown key x_${k} at ${p.join('.')}`, apply: (d) => set(d, [...p, `x_${k}`], v ?? 1), expect: [p] }),
  );
  const outOfRanges = ranged.map((p) => [p, OUT_OF_RANGE[rangeKey(p)].filter((v) => rejects(p, v))] as const).filter(([, vals]) => vals.length > 0);
  const outOfRange = fc.tuple(fc.constantFrom(...outOfRanges), fc.nat()).map(
    ([[p, vals], n]): Mutation => ({ env, kind: `out of range at ${p.join('.')}`, apply: (d) => set(d, p, vals[n % vals.length]), expect: [p] }),
  );
  const badImage = fc.tuple(fc.constantFrom(...active), fc.constantFrom(...BAD_IMAGES)).map(
    ([s, img]): Mutation => ({ env, kind: `bad image ${JSON.stringify(img)}`, apply: (d) => set(d, [...s, 'image'], img), expect: [[...s, 'image']] }),
  );
  const portClash = fc.tuple(fc.constantFrom(...bindings), fc.constantFrom(...bindings)).filter(([a, b]) => a.join('.') !== b.join('.')).map(
    ([a, b]): Mutation => ({
      env,
      kind: `port clash ${a.join('.')} / ${b.join('.')}`,
      apply: (d) => set(d, b, { ...(get(d, a) as Doc) }),
      expect: [[...a, 'port'], [...b, 'port']],
    }),
  );
  const missing = fc.constantFrom(...REQUIRED.filter((p) => get(base[env], p) !== undefined)).map((p): Mutation => ({ env, kind: `missing ${p.join('.')}`, apply: (d) => del(d, p), expect: [p] }));
  const crossKey = fc.oneof(
    fc.constant<Mutation>({ env, kind: 'host too small', apply: (d) => set(d, ['host', 'memoryMb'], 512), expect: [['host', 'memoryMb']] }),
    fc.tuple(fc.constantFrom(...bindings), fc.constantFrom('0.0.0.0', '10.0.0.5')).map(([b, addr]): Mutation => ({ env, kind: `public binding ${b.join('.')}`, apply: (d) => set(d, [...b, 'address'], addr), expect: [[...b, 'address']] })),
    fc.integer({ min: 0, max: topics - 1 }).map((i): Mutation => ({ env, kind: 'duplicate topic', apply: (d) => (get(d, ['core', 'topics']) as Doc[]).push({ ...(get(d, ['core', 'topics', i]) as Doc) }), expect: [['core', 'topics', topics, 'name']] })),
    fc.tuple(fc.integer({ min: 0, max: topics - 1 }), fc.integer({ min: 2, max: 32 })).map(([i, rf]): Mutation => ({ env, kind: 'replication above brokers', apply: (d) => set(d, ['core', 'topics', i, 'replication'], rf), expect: [['core', 'topics', i, 'replication']] })),
    fc.constant<Mutation>({ env, kind: 'heap too large', apply: (d) => set(d, ['core', 'kafka', 'heapMb'], get(d, ['core', 'kafka', 'memoryMb'])), expect: [['core', 'kafka', 'heapMb']] }),
    fc.constant<Mutation>({ env, kind: 'environment differs from file name', apply: (d) => set(d, ['environment'], env === 'dev' ? 'prod' : 'dev'), expect: [['environment']] }),
    fc.constant<Mutation>({ env, kind: 'core not in groups', apply: (d) => set(d, ['groups'], []), expect: [['groups']] }),
  );
  return fc.oneof(wrongType, unknownKey, outOfRange, badImage, portClash, missing, crossKey);
}

const anyMutation = fc.constantFrom(...ENVS).chain(mutationsFor);

function render(env: string, muts: readonly Mutation[]): string {
  const doc = structuredClone(base[env]);
  for (const m of muts) m.apply(doc);
  return stringify(doc);
}

/** Runs the loader; returns the ConfigError, or fails the property on success or any other exception. */
function configError(text: string, env: string): ConfigError {
  try {
    parseEnvironment(text, `config/${env}.yaml`, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw new Error(`not a ConfigError: ${(err as Error).stack}`);
  }
  throw new Error(`the mutated config was accepted:\n${text}`);
}

const startsWith = (p: readonly (string | number)[], prefix: Path) => prefix.every((s, i) => p[i] === s);
let cases = 0;

describe('fuzzed environment files', () => {
  afterAll(() => {
    // Visible in the test output; the report quotes it.
    console.log(`config fuzz: ${cases} mutated configs checked`);
  });

  it('reject every single mutation with a ConfigError naming the mutated path', () => {
    fc.assert(
      fc.property(anyMutation, (m) => {
        cases++;
        const err = configError(render(m.env, [m]), m.env);
        expect(err.problems.length).toBeGreaterThan(0);
        for (const p of err.problems) {
          expect(Array.isArray(p.path)).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (m.expect && !err.problems.some((p) => m.expect!.some((e) => startsWith(p.path, e)))) {
          throw new Error(`${m.kind}: no problem at ${m.expect.map((e) => e.join('.')).join(' or ')}; got\n${err.message}`);
        }
        expect(err.message).toContain(`config/${m.env}.yaml`);
      }),
      { numRuns: 1000, seed: Number(process.env.FUZZ_SEED ?? 20261124) },
    );
  });

  it('reject combined mutations with one ConfigError listing problems, never another exception', () => {
    const combined = fc.constantFrom(...ENVS).chain((env) => fc.array(mutationsFor(env), { minLength: 2, maxLength: 4 }).map((ms) => ({ env, ms })));
    fc.assert(
      fc.property(combined, ({ env, ms }) => {
        cases++;
        const err = configError(render(env, ms), env);
        expect(err.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('parse or reject edge-case values at the schema bounds, and reject non-mappings and broken YAML, without other exceptions', () => {
    const edge = fc.tuple(
      fc.constantFrom(...ENVS),
      fc.record({ port: fc.constantFrom(1, 65_535, 1024), wait: fc.constantFrom(10, 3600), retention: fc.constantFrom(-1, 1, 876_000), partitions: fc.constantFrom(1, 10_000) }),
    );
    fc.assert(
      fc.property(edge, ([env, v]) => {
        cases++;
        const doc = structuredClone(base[env]) as { core: { kafka: Doc & { ports: { external: Doc } }; topics: Doc[] } };
        doc.core.kafka.ports.external.port = v.port;
        doc.core.kafka.waitTimeoutSeconds = v.wait;
        doc.core.topics[0].retentionHours = v.retention;
        doc.core.topics[0].partitions = v.partitions;
        try {
          expect(parseEnvironment(stringify(doc), `config/${env}.yaml`, env).core.topics[0].partitions).toBe(v.partitions);
        } catch (err) {
          // Only a clash with another published port may reject an in-range value.
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).message).toMatch(/core\.kafka\.ports\.external\.port: host port/);
        }
      }),
      { numRuns: 100, seed: 3 },
    );
    fc.assert(
      fc.property(fc.constantFrom('- a\n- b\n', '42\n', 'core: [\n', 'a: 1\na: 2\n', '\tcore: x\n', 'null\n', ''), fc.constantFrom(...ENVS), (text, env) => {
        cases++;
        expect(configError(text, env).problems[0].path).toEqual([]);
      }),
      { numRuns: 50, seed: 5 },
    );
  });
});

describe('main.ts with a fuzzed bad config', () => {
  const samples = fc.sample(anyMutation.filter((m) => m.env === 'dev'), { numRuns: 3, seed: 11 });

  it.each(samples.map((m) => [m.kind, m] as const))('exits 1 and writes no cdktf.out (%s)', (_kind, m) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-fuzz-'));
    fs.writeFileSync(path.join(dir, 'dev.yaml'), render('dev', [m]));
    const outdir = path.join(dir, 'cdktf.out');
    const { cmd, args } = appCommand();
    const r = spawnSync(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev\.yaml: \d+ problems?/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir)).toEqual(['dev.yaml']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
