/**
 * Maven side of `npm run check:pins`: resolves pinned jars against Maven Central with `mvn` (a
 * throwaway POM in a temporary directory; the local repository ~/.m2 caches what was fetched) and
 * reads each one's effective POM (parents and properties applied, as Maven sees it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Coordinate, coordinateKey } from './dockerfile';
import { JarPom, PomDependency } from './rules';

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const HELP_PLUGIN = { groupId: 'org.apache.maven.plugins', artifactId: 'maven-help-plugin', version: '3.5.2' };

/** The registry could not be reached (as opposed to: it answered that something does not exist). */
export class RegistryUnreachableError extends Error {}
/** A tool the check needs is missing. */
export class ToolMissingError extends Error {}

const UNREACHABLE = /(Connect(ion)? (to \S+ )?(refused|timed out|reset)|connect timed out|UnknownHost|Unknown host|Network is unreachable|No route to host|Name or service not known|Temporary failure in name resolution|nodename nor servname|PKIX path building failed|Remote host terminated|Connection reset)/i;

/** What mvn's output says about the artifacts it could not resolve. */
export function classifyMavenFailure(output: string): { unreachable: string } | { missing: string[] } | { other: string } {
  const lines = output.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  const transfer = lines.find((l) => /Could not transfer artifact/.test(l) && UNREACHABLE.test(l)) ?? lines.find((l) => /\[ERROR\]/.test(l) && UNREACHABLE.test(l));
  if (transfer) {
    // `… from/to central (https://…): transfer failed for …: Connect to … failed: Connection refused -> [Help 1]`
    const repo = /from\/to (\S+ \([^)]+\))/.exec(transfer)?.[1];
    const reason = transfer.replace(/\s*-> \[Help \d+\]\s*$/, '').split(': ').pop()!.trim();
    return { unreachable: repo ? `${repo}: ${reason}` : transfer.replace(/^\[ERROR\]\s*/, '').trim() };
  }
  const missing = new Set<string>();
  for (const l of lines) {
    for (const m of l.matchAll(/(?:Could not find artifact|artifact) ([\w.-]+:[\w.-]+:[\w.-]+(?::[\w.-]+)?:[\w.-]+)(?: in | was not found| \(absent\))/g)) missing.add(m[1]);
    const list = /The following artifacts could not be resolved: (.*?): (?:Could not find|[\w.-]+:[\w.-]+:[\w.-]+:[\w.-]+ was not found|Failure to find)/.exec(l);
    if (list) for (const a of list[1].split(/,\s*/)) missing.add(a.replace(/ \(absent\)$/, '').trim());
    const single = /Failure to find ([\w.-]+:[\w.-]+:[\w.-]+(?::[\w.-]+)?:[\w.-]+) in /.exec(l);
    if (single) missing.add(single[1]);
  }
  if (missing.size > 0) return { missing: [...missing] };
  const err = lines.filter((l) => l.startsWith('[ERROR]')).slice(0, 3).join(' ').replace(/\[ERROR\]\s*/g, '').trim();
  return { other: err || lines.slice(-5).join(' ').trim() };
}

/** `g:a:jar:v` or `g:a:jar:classifier:v` (Maven's messages) → the coordinate key we use. */
export function keyOfMavenArtifact(a: string): string {
  const p = a.split(':');
  if (p.length === 4) return `${p[0]}:${p[1]}:${p[3]}`;
  if (p.length === 5) return `${p[0]}:${p[1]}:${p[4]}:${p[3]}`;
  return a;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function throwawayPom(deps: ReadonlyArray<{ c: Coordinate; type: 'jar' | 'pom' }>, executions = ''): string {
  const dep = ({ c, type }: { c: Coordinate; type: string }) =>
    `<dependency><groupId>${xmlEscape(c.groupId)}</groupId><artifactId>${xmlEscape(c.artifactId)}</artifactId><version>${xmlEscape(c.version)}</version>` +
    `${c.classifier ? `<classifier>${xmlEscape(c.classifier)}</classifier>` : ''}<type>${type}</type>` +
    // Only the pinned file itself: what it depends on is judged from its POM, against the image.
    `<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>`;
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>datalab.check-pins</groupId><artifactId>throwaway</artifactId><version>0</version><packaging>pom</packaging>
<dependencies>${deps.map(dep).join('')}</dependencies>
<build><plugins><plugin><groupId>${HELP_PLUGIN.groupId}</groupId><artifactId>${HELP_PLUGIN.artifactId}</artifactId><version>${HELP_PLUGIN.version}</version>
<executions>${executions}</executions></plugin></plugins></build></project>
`;
}

function runMvn(dir: string, goals: string[]): { code: number; out: string } {
  // DATALAB_MAVEN_SETTINGS: a settings.xml (e.g. a company mirror of Maven Central).
  const settings = process.env.DATALAB_MAVEN_SETTINGS ? ['-s', process.env.DATALAB_MAVEN_SETTINGS] : [];
  const r = spawnSync('mvn', ['-B', '-U', '--no-transfer-progress', ...settings, ...goals], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolMissingError('cannot run "mvn": not found on PATH; install Maven (3.6.3 or later)');
    throw r.error;
  }
  return { code: r.status ?? 1, out: `${r.stdout}\n${r.stderr}` };
}

/** Project-level elements of an effective POM (parent, management, build and profiles removed). */
export function parseEffectivePom(xml: string): { coordinate: Coordinate; dependencies: PomDependency[]; properties: Record<string, string> } {
  let t = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const block of ['parent', 'dependencyManagement', 'build', 'profiles', 'reporting', 'distributionManagement']) {
    t = t.replace(new RegExp(`<${block}>[\\s\\S]*?</${block}>`, 'g'), '');
  }
  const tag = (s: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(s)?.[1]?.trim();
  const head = t.replace(/<(dependencies|properties|modules|developers|contributors|licenses|mailingLists|repositories|pluginRepositories|scm|issueManagement|ciManagement|organization)>[\s\S]*?<\/\1>/g, '');
  const coordinate = { groupId: tag(head, 'groupId') ?? '', artifactId: tag(head, 'artifactId') ?? '', version: tag(head, 'version') ?? '' };
  const dependencies: PomDependency[] = [];
  for (const m of (tag(t, 'dependencies') ?? '').matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const d = m[1].replace(/<exclusions>[\s\S]*?<\/exclusions>/g, '');
    const classifier = tag(d, 'classifier');
    dependencies.push({
      groupId: tag(d, 'groupId') ?? '',
      artifactId: tag(d, 'artifactId') ?? '',
      version: tag(d, 'version') ?? '',
      scope: tag(d, 'scope') ?? 'compile',
      optional: tag(d, 'optional') === 'true',
      ...(classifier ? { classifier } : {}),
    });
  }
  const properties: Record<string, string> = {};
  for (const m of (tag(t, 'properties') ?? '').matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties[m[1]] = m[2].trim();
  return { coordinate, dependencies, properties };
}

export interface MavenResolution {
  /** Effective POM of every resolved jar, by coordinate key. */
  readonly poms: Map<string, JarPom & { properties: Record<string, string> }>;
  /** Coordinates Maven Central does not serve, by key. */
  readonly missing: Set<string>;
}

/**
 * Resolves every jar (and every POM-only artifact, e.g. spark-parent) and reads their effective
 * POMs. Throws RegistryUnreachableError when Maven Central cannot be reached.
 */
export function resolveMaven(jars: readonly Coordinate[], pomOnly: readonly Coordinate[]): MavenResolution {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-check-pins-mvn-'));
  try {
    const all = [...jars.map((c) => ({ c, type: 'jar' as const })), ...pomOnly.map((c) => ({ c, type: 'pom' as const }))];
    const missing = new Set<string>();
    // Resolve; drop what Central does not have and resolve the rest again, so every missing
    // artifact is named (Maven stops at the first failing dependency set).
    for (let attempt = 0; attempt <= all.length; attempt++) {
      const left = all.filter(({ c }) => !missing.has(coordinateKey(c)));
      if (left.length === 0) break;
      fs.writeFileSync(path.join(dir, 'pom.xml'), throwawayPom(left));
      const r = runMvn(dir, [`${DEPENDENCY_PLUGIN}:resolve`]);
      if (r.code === 0) break;
      const why = classifyMavenFailure(r.out);
      if ('unreachable' in why) throw new RegistryUnreachableError(`cannot reach Maven Central: ${why.unreachable}`);
      if ('other' in why) throw new Error(`mvn failed resolving the pinned jars: ${why.other}`);
      const before = missing.size;
      for (const a of why.missing) missing.add(keyOfMavenArtifact(a));
      if (missing.size === before) throw new Error(`mvn failed resolving the pinned jars and named nothing new as missing: ${why.missing.join(', ')}`);
    }
    const found = all.filter(({ c }) => !missing.has(coordinateKey(c)));
    const poms = new Map<string, JarPom & { properties: Record<string, string> }>();
    if (found.length > 0) {
      const outDir = path.join(dir, 'effective');
      fs.mkdirSync(outDir);
      const executions = found
        .map(({ c }, i) => `<execution><id>p${i}</id><configuration><artifact>${xmlEscape(`${c.groupId}:${c.artifactId}:${c.version}`)}</artifact><output>${outDir}/${i}.xml</output></configuration></execution>`)
        .join('');
      fs.writeFileSync(path.join(dir, 'pom.xml'), throwawayPom([], executions));
      // One JVM reads them all: one execution of help:effective-pom per artifact.
      const r = runMvn(dir, found.map((_, i) => `${HELP_PLUGIN.groupId}:${HELP_PLUGIN.artifactId}:${HELP_PLUGIN.version}:effective-pom@p${i}`));
      if (r.code !== 0) {
        const why = classifyMavenFailure(r.out);
        if ('unreachable' in why) throw new RegistryUnreachableError(`cannot reach Maven Central: ${why.unreachable}`);
        throw new Error(`mvn help:effective-pom failed: ${'other' in why ? why.other : why.missing.join(', ')}`);
      }
      found.forEach(({ c }, i) => {
        const parsed = parseEffectivePom(fs.readFileSync(path.join(outDir, `${i}.xml`), 'utf8'));
        poms.set(coordinateKey(c), { coordinate: c, dependencies: parsed.dependencies, properties: parsed.properties });
      });
    }
    return { poms, missing };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
