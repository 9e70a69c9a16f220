/**
 * Generates the cdktf bindings for MinIO, Consul and Kafka into `.gen/providers/<name>` without
 * terraform or network access, producing what `cdktf get` would (short source + pinned version).
 *
 *   npm run gen:providers            regenerate `.gen/providers`
 *   npm run gen:providers -- --out D write into D instead (used by the regeneration test)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeMaker, TerraformProviderGenerator } from '@cdktf/provider-generator';
import { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } from '@cdktf/commons';
import { GENERATED_PROVIDERS, GeneratedProvider } from './providers';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_DIR = path.join(ROOT, '.gen', 'schemas');

export async function generateProvider(p: GeneratedProvider, outDir: string): Promise<void> {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${p.name}.json`), 'utf8'));
  const fqpn = Object.keys(schema.provider_schemas)[0];
  // `cdktf get` learns the version from the lock file; the offline schema has none, so we add it.
  schema.provider_versions = { [fqpn]: p.version };
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  const constraint = new TerraformProviderConstraint({ name: p.name, source: p.source, version: p.version });
  const typescript = LANGUAGES[0];
  generator.generate(new ConstructsMakerProviderTarget(constraint, typescript));
  await code.save(outDir);
}

export async function generateAll(outDir: string): Promise<void> {
  for (const p of GENERATED_PROVIDERS) {
    fs.rmSync(path.join(outDir, 'providers', p.name), { recursive: true, force: true });
    await generateProvider(p, outDir);
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(ROOT, '.gen');
  generateAll(outDir).then(
    () => console.log(`generated ${GENERATED_PROVIDERS.map((p) => `${p.source}@${p.version}`).join(', ')} into ${path.relative(process.cwd(), outDir) || '.'}/providers`),
    (err: unknown) => {
      console.error(`gen:providers failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
