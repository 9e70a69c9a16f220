/**
 * What a project image pins, read from its Dockerfile (and the requirements files it installs):
 * ARG defaults, the base image, `pip install` requirements, `npm install` packages and Maven jar
 * paths. Pure: text in, values out. Only what `npm run check:pins` needs; not a Dockerfile parser in general (one build
 * stage, the last `FROM`; heredocs and ONBUILD are not read).
 */

/** One instruction, continuation lines joined. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** 1-based line of the instruction's first line. */
  readonly line: number;
}

export interface DockerfileModel {
  /** ARGs declared before the first FROM (usable in FROM only), with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  /** The last FROM's image reference, unsubstituted. */
  readonly from: string;
  /** ARGs declared in the (last) stage, with defaults; a bare `ARG X` inherits a global default. */
  readonly stageArgs: ReadonlyMap<string, string | undefined>;
  /** RUN instructions of the last stage, unsubstituted. */
  readonly runs: readonly Instruction[];
}

export class DockerfileError extends Error {}

/** Splits a Dockerfile into instructions: `\` continuations joined, comment lines dropped. */
export function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let current: string[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // Docker drops comment lines everywhere, including inside a continued instruction.
    if (/^\s*#/.test(raw)) continue;
    if (current.length === 0) {
      if (raw.trim() === '') continue;
      start = i + 1;
    }
    const continued = /\\\s*$/.test(raw);
    current.push(continued ? raw.replace(/\\\s*$/, '') : raw);
    if (!continued) {
      // Docker removes the escape and the newline: the lines are concatenated.
      const joined = current.join('').trim();
      const m = /^(\S+)\s*([\s\S]*)$/.exec(joined)!;
      out.push({ keyword: m[1].toUpperCase(), args: m[2], line: start });
      current = [];
    }
  }
  if (current.length > 0) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(current.join('').trim())!;
    out.push({ keyword: m[1].toUpperCase(), args: m[2], line: start });
  }
  return out;
}

/** `ARG A=1 B="2" C` → [[A,'1'],[B,'2'],[C,undefined]]. */
export function parseArgInstruction(args: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  for (const word of shellWords(args)) {
    const eq = word.indexOf('=');
    if (eq < 0) out.push([word, undefined]);
    else out.push([word.slice(0, eq), word.slice(eq + 1)]);
  }
  return out;
}

export function parseDockerfile(text: string, file: string): DockerfileModel {
  const globalArgs = new Map<string, string | undefined>();
  let from: string | undefined;
  let stageArgs = new Map<string, string | undefined>();
  let runs: Instruction[] = [];
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      // `FROM image [AS name]`, optionally with --platform=…; a new stage starts.
      const words = shellWords(ins.args).filter((w) => !w.startsWith('--'));
      if (words.length === 0) throw new DockerfileError(`${file}:${ins.line}: FROM without an image`);
      from = words[0];
      stageArgs = new Map();
      runs = [];
    } else if (ins.keyword === 'ARG') {
      for (const [name, value] of parseArgInstruction(ins.args)) {
        if (from === undefined) globalArgs.set(name, value);
        else stageArgs.set(name, value ?? globalArgs.get(name));
      }
    } else if (ins.keyword === 'RUN' && from !== undefined) {
      runs.push(ins);
    }
  }
  if (from === undefined) throw new DockerfileError(`${file}: no FROM instruction`);
  return { globalArgs, from, stageArgs, runs };
}

/**
 * Replaces `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` for the names in `vars`; other
 * references (shell variables of a RUN, e.g. `${jar}`) are left as they are.
 */
export function substitute(text: string, vars: ReadonlyMap<string, string | undefined>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, op, word, bare) => {
    const name = braced ?? bare;
    if (!vars.has(name)) return whole;
    const value = vars.get(name);
    if (op === '-') return value ? value : word;
    if (op === '+') return value ? word : '';
    return value ?? '';
  });
}

/** The ARG values a build sees: defaults, overridden by the build arguments given for declared ARGs. */
export function effectiveArgs(declared: ReadonlyMap<string, string | undefined>, buildArgs: Readonly<Record<string, string>>): Map<string, string | undefined> {
  const out = new Map(declared);
  for (const [k, v] of Object.entries(buildArgs)) if (out.has(k)) out.set(k, v);
  return out;
}

/** Shell words with '…' and "…" quoting and backslash escapes; no expansion. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Shell commands of a RUN: split at `&&`, `||`, `;`, `|` and newlines, outside quotes. */
export function shellCommands(run: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < run.length; i++) {
    const c = run[i];
    if (quote) {
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '\n' || c === '|' || (c === '&' && run[i + 1] === '&')) {
      if (c === '&' || (c === '|' && run[i + 1] === '|')) i++;
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A `pip install` command's requirements and requirement files. */
export interface PipInstall {
  readonly requirements: readonly string[];
  readonly requirementFiles: readonly string[];
}

/** pip install options that take a value (the value is not a requirement). */
const PIP_OPTIONS_WITH_VALUE = new Set([
  '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version', '--implementation',
  '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '--progress-bar', '--root-user-action', '--report',
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--no-binary', '--only-binary', '--config-settings',
  '-C', '--global-option', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--log', '--proxy', '--retries',
  '--timeout', '--exists-action', '--python', '--use-feature', '--use-deprecated',
]);

/** Every `pip install` in a shell command (pip, pip3, pipX.Y, python[3] -m pip, by path or not). */
export function pipInstalls(command: string): PipInstall[] {
  const words = shellWords(command);
  const out: PipInstall[] = [];
  for (let i = 0; i < words.length; i++) {
    const base = words[i].split('/').pop()!;
    let next = -1;
    if (/^pip(\d+(\.\d+)?)?$/.test(base) && words[i + 1] === 'install') next = i + 2;
    else if (/^python(\d+(\.\d+)?)?$/.test(base) && words[i + 1] === '-m' && words[i + 2] === 'pip' && words[i + 3] === 'install') next = i + 4;
    if (next < 0) continue;
    const requirements: string[] = [];
    const requirementFiles: string[] = [];
    for (let j = next; j < words.length; j++) {
      const w = words[j];
      if (w === '-r' || w === '--requirement') requirementFiles.push(words[++j]);
      else if (w.startsWith('--requirement=')) requirementFiles.push(w.slice('--requirement='.length));
      else if (PIP_OPTIONS_WITH_VALUE.has(w)) j++;
      else if (w.startsWith('-')) continue;
      else requirements.push(w);
    }
    out.push({ requirements, requirementFiles });
    break;
  }
  return out;
}

/** A package an `npm install` names, as written after substitution (`name@version`, scoped names too). */
export interface NpmSpec {
  readonly text: string;
  readonly name: string;
  /** What follows the name's `@` (a version, range or tag); '' when none is given. */
  readonly range: string;
  /** The exact version when `range` is one (`1.2.3`, `1.2.3-rc.1`). */
  readonly pinned?: string;
}

/** npm install options that take a value in the next word. */
const NPM_OPTIONS_WITH_VALUE = new Set(['--registry', '--prefix', '--cache', '--userconfig', '--tag', '--omit', '--include', '--install-strategy', '-w', '--workspace', '--loglevel', '--location']);

/** `name@range` → its parts; a scoped name keeps its leading `@`. */
export function parseNpmSpec(text: string): NpmSpec | { problem: string } {
  const m = /^((?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*)(?:@(.*))?$/.exec(text);
  if (!m) return { problem: `"${text}" is not an npm package (name@version)` };
  const range = m[2] ?? '';
  const pinned = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(range) ? range : undefined;
  return { text, name: m[1], range, ...(pinned ? { pinned } : {}) };
}

/** The packages every `npm install` / `npm i` / `npm add` of a shell command names (none for a project install). */
export function npmInstalls(command: string): string[] {
  const words = shellWords(command);
  for (let i = 0; i < words.length; i++) {
    if (words[i].split('/').pop() !== 'npm' || !['install', 'i', 'add'].includes(words[i + 1])) continue;
    const out: string[] = [];
    for (let j = i + 2; j < words.length; j++) {
      const w = words[j];
      if (NPM_OPTIONS_WITH_VALUE.has(w)) j++;
      else if (!w.startsWith('-')) out.push(w);
    }
    return out;
  }
  return [];
}

/** A Maven coordinate. */
export interface Coordinate {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly classifier?: string;
}

export function coordinateKey(c: Coordinate): string {
  return `${c.groupId}:${c.artifactId}:${c.version}${c.classifier ? `:${c.classifier}` : ''}`;
}

/**
 * The Maven coordinate of a repository path or URL ending in a jar
 * (`…/maven2/io/delta/delta-storage/3.3.1/delta-storage-3.3.1.jar`), or a reason it is none.
 */
export function coordinateOfJarPath(text: string): Coordinate | { problem: string } {
  if (text.includes('$')) return { problem: `"${text}" has an unresolved variable` };
  const p = text.replace(/^[a-z]+:\/\/[^/]+\//, '').replace(/^(.*\/)?maven2\//, '');
  const parts = p.split('/').filter((s) => s.length > 0);
  if (parts.length < 4) return { problem: `"${text}" is not a Maven repository path (group/…/artifact/version/artifact-version.jar)` };
  const [file, version, artifactId] = [parts[parts.length - 1], parts[parts.length - 2], parts[parts.length - 3]];
  const stem = `${artifactId}-${version}`;
  if (!file.startsWith(stem) || !/^(-[A-Za-z0-9_.-]+)?\.jar$/.test(file.slice(stem.length))) {
    return { problem: `"${text}": the file name ${file} does not match artifact ${artifactId} version ${version}` };
  }
  const classifier = file.slice(stem.length).replace(/\.jar$/, '').replace(/^-/, '') || undefined;
  return { groupId: parts.slice(0, -3).join('.'), artifactId, version, ...(classifier ? { classifier } : {}) };
}

/** Jar paths in a (substituted) RUN: every word ending in `.jar` that has a `/` in it. */
export function jarPaths(run: string): string[] {
  return shellWords(run.replace(/[;|&]/g, ' ')).filter((w) => /\/[^/\s]+\.jar$/.test(w) && !w.includes('*'));
}

/** A requirement line: `name[extras]<spec> ; marker`. */
export interface Requirement {
  /** As written (after substitution). */
  readonly text: string;
  /** Normalised (PEP 503): lower case, runs of `-_.` as `-`. */
  readonly name: string;
  readonly specifier: string;
  /** The exact version when the specifier is `==X` or `===X`. */
  readonly pinned?: string;
}

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parseRequirement(text: string): Requirement | { problem: string } {
  const t = text.trim();
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*([^;]*?)\s*(;.*)?$/.exec(t);
  if (!m) return { problem: `"${t}" is not a requirement (name[extras]==version)` };
  const specifier = m[3].replace(/\s+/g, '');
  if (specifier !== '' && !/^(===?|~=|!=|<=?|>=?)[^,]+(,(===?|~=|!=|<=?|>=?)[^,]+)*$/.test(specifier)) {
    return { problem: `"${t}": "${specifier}" is not a version specifier` };
  }
  const pin = /^===?([^,=]+)$/.exec(specifier);
  return { text: t, name: normaliseName(m[1]), specifier, ...(pin ? { pinned: pin[1] } : {}) };
}

/**
 * Lines of a requirements file: comments and blank lines dropped, continuations joined. Option
 * lines (`-r other.txt`, `--index-url …`) are returned separately.
 */
export function requirementLines(text: string): { requirements: string[]; includes: string[]; options: string[] } {
  const requirements: string[] = [];
  const includes: string[] = [];
  const options: string[] = [];
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const inc = /^(?:-r|--requirement)(?:\s+|=)(\S+)$/.exec(line);
    if (inc) includes.push(inc[1]);
    else if (line.startsWith('-')) options.push(line);
    else requirements.push(line);
  }
  return { requirements, includes, options };
}
