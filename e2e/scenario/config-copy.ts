/**
 * An edited copy of the environment files, handed to children as DATALAB_CONFIG_DIR (the loader
 * honours it, config/loader.ts): the scenario changes the e2e config without touching
 * config/e2e.yaml in the repository. Edits go through the YAML document model, so the copy keeps
 * the file's comments and layout and differs only where the scenario changed it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ENVIRONMENT, PREFIX, Scenario } from './context';

const COPY_PREFIX = `${PREFIX}-config-`;

/** The directory the repository's environment files live in. */
export function repoConfigDir(root: string): string {
  return path.join(root, 'config');
}

/** The config directory in force: the copy once one was made, else the repository's. */
export function configDirOf(s: Scenario): string {
  return s.configDir ?? repoConfigDir(s.root);
}

/** Makes the copy (every environment file, since the loader lists the valid environments from them) unless there is one. */
export function ensureConfigCopy(s: Scenario): string {
  if (s.configDir) return s.configDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), COPY_PREFIX));
  for (const f of fs.readdirSync(repoConfigDir(s.root)).filter((f) => f.endsWith('.yaml'))) {
    fs.copyFileSync(path.join(repoConfigDir(s.root), f), path.join(dir, f));
  }
  s.configDir = dir;
  return dir;
}

export interface BucketEntry {
  readonly name: string;
  readonly versioning: boolean;
  readonly expireDays?: number;
}

export interface TopicEntry {
  readonly name: string;
  readonly partitions: number;
  readonly replication: number;
  readonly retentionHours: number;
}

/** Applies `edit` to the copy's e2e.yaml (making the copy first if needed). */
export function editConfigCopy(s: Scenario, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const file = path.join(ensureConfigCopy(s), `${ENVIRONMENT}.yaml`);
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  edit(doc);
  fs.writeFileSync(file, doc.toString());
}

export function addBucketAndTopic(s: Scenario, bucket: BucketEntry, topic: TopicEntry): void {
  editConfigCopy(s, (doc) => {
    doc.addIn(['core', 'buckets'], doc.createNode(bucket, { flow: true }));
    doc.addIn(['core', 'topics'], doc.createNode(topic, { flow: true }));
  });
}

export function setProtectData(s: Scenario, on: boolean): void {
  editConfigCopy(s, (doc) => doc.setIn(['protectData'], on));
}

/** Removes the copy this run made, and copies interrupted runs left in the temp directory. */
export function removeConfigCopies(s?: Scenario): void {
  for (const entry of fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith(COPY_PREFIX))) {
    fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
  if (s) s.configDir = undefined;
}
