/**
 * Reads `config/<env>.yaml`, validates it (schema, then cross-key checks) and returns the typed
 * environment. Any problem raises one `ConfigError` listing every problem with file, line, path,
 * the value found and what is allowed. Nothing here touches cdktf, so a bad file fails before any
 * output is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from './checks';
import { readCachedConfig, writeCachedConfig } from './config-cache';
import { ENVIRONMENTS, EnvironmentName } from './names';
import type { EnvConfig } from './schema';

/** Where environment files live: `config/`, or `DATALAB_CONFIG_DIR` (tests, generated platforms). */
export const CONFIG_DIR = process.env.DATALAB_CONFIG_DIR ? path.resolve(process.env.DATALAB_CONFIG_DIR) : __dirname;

export interface LocatedProblem extends ConfigProblem {
  /** In the environment file, or in `file` when the problem is of another file. */
  readonly line?: number;
  readonly column?: number;
  /** The value found at the path, rendered for the message; undefined when the key is missing. */
  readonly value?: string;
}

export class ConfigError extends Error {
  constructor(
    /** The file, relative to the working directory. */
    readonly file: string,
    readonly problems: readonly LocatedProblem[],
  ) {
    super(ConfigError.render(file, problems));
    this.name = 'ConfigError';
  }

  private static render(file: string, problems: readonly LocatedProblem[]): string {
    const lines = problems.map((p) => {
      if (p.file !== undefined) return `  ${p.file}${p.line ? `:${p.line}` : ''}  ${p.message}`;
      const where = p.line ? `${file}:${p.line}:${p.column ?? 1}` : file;
      const key = p.path.length ? formatPath(p.path) : '(top level)';
      const got = p.value !== undefined ? ` (got ${p.value})` : '';
      return `  ${where}  ${key}: ${p.message}${got}`;
    });
    const n = problems.length;
    return `${file}: ${n} problem${n === 1 ? '' : 's'}\n${lines.join('\n')}`;
  }
}

/** `core.topics[2].replication` */
export function formatPath(p: readonly (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The environments that have a file in the config directory, in the canonical order. */
export function availableEnvironments(dir: string = CONFIG_DIR): string[] {
  requireConfigDir(dir);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
  return [...ENVIRONMENTS.filter((e) => files.includes(e)), ...files.filter((f) => !(ENVIRONMENTS as readonly string[]).includes(f)).sort()];
}

/** Resolves `DATALAB_ENV` (default `dev`), or throws a one-line error listing the valid names. */
export function environmentFromEnv(env: NodeJS.ProcessEnv = process.env, dir: string = CONFIG_DIR): EnvironmentName {
  requireConfigDir(dir);
  const name = env.DATALAB_ENV?.trim() || 'dev';
  const valid = availableEnvironments(dir).filter((e) => (ENVIRONMENTS as readonly string[]).includes(e));
  if (!valid.includes(name)) {
    throw new UnknownEnvironmentError(`DATALAB_ENV="${name}" is not an environment; valid: ${valid.join(', ')}`);
  }
  return name as EnvironmentName;
}

export class UnknownEnvironmentError extends Error {
  override name = 'UnknownEnvironmentError';
}

/**
 * The config directory (`DATALAB_CONFIG_DIR`) does not exist or is not a directory. A kind of
 * unknown environment, so everything that reports those reports this in one line too.
 */
export class ConfigDirError extends UnknownEnvironmentError {
  override name = 'ConfigDirError';
}

/**
 * Throws a one-line `ConfigDirError` when `dir` is not a directory: without this, a mistyped
 * `DATALAB_CONFIG_DIR` reads as "no environments at all" and every name is refused.
 */
export function requireConfigDir(dir: string = CONFIG_DIR): void {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (st?.isDirectory()) return;
  const what = dir === CONFIG_DIR && process.env.DATALAB_CONFIG_DIR ? `DATALAB_CONFIG_DIR="${process.env.DATALAB_CONFIG_DIR}"` : `the config directory "${displayPath(dir)}"`;
  throw new ConfigDirError(
    `${what} ${st ? 'is not a directory' : 'does not exist'}; it must be a directory holding the environment files (${ENVIRONMENTS.map((e) => `${e}.yaml`).join(', ')}), or unset it to use config/`,
  );
}

const cache = new Map<string, EnvConfig>();

/**
 * Loads and validates one environment. The validated result is cached in memory per file path and
 * content, and on disk (config-cache.ts) keyed by the file's content and the validating code.
 */
export function loadEnvironment(name: string, dir: string = CONFIG_DIR): EnvConfig {
  const file = environmentFile(name, dir);
  if (!fs.existsSync(file)) {
    requireConfigDir(dir);
    throw new UnknownEnvironmentError(`no config file for environment "${name}" at ${displayPath(file)}; valid: ${availableEnvironments(dir).join(', ')}`);
  }
  const text = fs.readFileSync(file, 'utf8');
  const key = `${file}\0${text}`;
  const hit = cache.get(key) ?? readCachedConfig(name, text);
  if (hit) {
    cache.set(key, hit);
    return hit;
  }
  const cfg = parseEnvironment(text, displayPath(file), name);
  cache.set(key, cfg);
  writeCachedConfig(name, text, cfg);
  return cfg;
}

/** Parses and validates an environment file's text. `expectedName` is the file's base name. */
export function parseEnvironment(text: string, file: string, expectedName?: string): EnvConfig {
  // Required on demand: YAML and schema code load only when a file really has to be validated.
  return (require('./parse') as typeof import('./parse')).parseEnvironment(text, file, expectedName);
}

function environmentFile(name: string, dir: string): string {
  return path.join(dir, `${name}.yaml`);
}

/**
 * The file an environment is loaded from, as messages show it (`config/dev.yaml`, or the file in
 * `DATALAB_CONFIG_DIR`): what code outside the loader names when it reports a config problem.
 */
export function configFileFor(name: string, dir: string = CONFIG_DIR): string {
  return displayPath(environmentFile(name, dir));
}

export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

