/**
 * The e2e toolchain builds the providers the stacks are written against: the versions in
 * e2e/toolchain/versions.ts must be those of cdktf.json, the generated bindings (.gen/providers)
 * and the prebuilt @cdktf/provider-* packages. Pure file reads: nothing is built or run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_PROVIDERS } from '../scripts/providers';
import { LICENSES, NOT_BUILT, OPENTOFU, PROVIDERS, ProviderPin, shortSource } from '../e2e/toolchain/versions';

const ROOT = path.join(__dirname, '..');
const read = (...p: string[]) => fs.readFileSync(path.join(ROOT, ...p), 'utf8');

/** Version recorded by a prebuilt provider package: in package.json and in its generated code. */
function prebuiltVersions(pkg: string): { metadata: { name: string; version: string }; code: string | undefined; codeSource: string | undefined } {
  const meta = JSON.parse(read('node_modules', pkg, 'package.json')) as { cdktf: { provider: { name: string; version: string } } };
  const code = read('node_modules', pkg, 'lib', 'provider', 'index.js');
  return {
    metadata: meta.cdktf.provider,
    code: /providerVersion: '([^']+)'/.exec(code)?.[1],
    codeSource: /terraformProviderSource: '([^']+)'/.exec(code)?.[1],
  };
}

/** Version and source the generated bindings pin (what `cdktf get` writes too). */
function generatedVersions(name: string): { version: string | undefined; source: string | undefined } {
  const code = read('.gen', 'providers', name, 'provider', 'index.ts');
  return { version: /providerVersion: '([^']+)'/.exec(code)?.[1], source: /terraformProviderSource: '([^']+)'/.exec(code)?.[1] };
}

const PREBUILT: Readonly<Record<string, string>> = { docker: '@cdktf/provider-docker', random: '@cdktf/provider-random' };

function pin(name: string): ProviderPin {
  const p = PROVIDERS.find((x) => x.name === name);
  if (!p) throw new Error(`e2e/toolchain/versions.ts has no provider "${name}"`);
  return p;
}

describe('e2e toolchain versions', () => {
  const cdktfJson = JSON.parse(read('cdktf.json')) as { terraformProviders: string[] };

  it('builds every provider of cdktf.json at its version, except those it must not build', () => {
    const listed = cdktfJson.terraformProviders.map((s) => s.toLowerCase());
    const covered = [...PROVIDERS.map((p) => `${shortSource(p)}@${p.version}`), ...NOT_BUILT.map((n) => `${n.source}@${n.version}`)];
    expect(listed.filter((s) => !covered.includes(s))).toEqual([]);
  });

  it.each(GENERATED_PROVIDERS.map((g) => g.name))('matches the generated %s bindings and their scripts/providers.ts entry', (name) => {
    const generated = generatedVersions(name);
    const entry = GENERATED_PROVIDERS.find((g) => g.name === name)!;
    expect(generated).toEqual({ version: entry.version, source: entry.source });
    const notBuilt = NOT_BUILT.find((n) => n.source === entry.source);
    if (notBuilt) {
      expect(notBuilt.version).toBe(entry.version);
      expect(PROVIDERS.some((p) => shortSource(p) === entry.source)).toBe(false);
    } else {
      expect({ source: shortSource(pin(name)), version: pin(name).version }).toEqual({ source: entry.source, version: entry.version });
    }
  });

  it.each(Object.keys(PREBUILT))('matches the prebuilt %s package (package metadata and generated code)', (name) => {
    const p = pin(name);
    const prebuilt = prebuiltVersions(PREBUILT[name]);
    expect(prebuilt.metadata).toEqual({ name: `registry.terraform.io/${shortSource(p)}`, version: p.version });
    expect(prebuilt.code).toBe(p.version);
    expect(prebuilt.codeSource).toBe(shortSource(p));
  });

  it('covers exactly the providers the stacks use (generated plus prebuilt), each once', () => {
    const used = [...GENERATED_PROVIDERS.map((g) => g.source), ...Object.keys(PREBUILT).map((n) => shortSource(pin(n)))].sort();
    const pinned = [...PROVIDERS.map(shortSource), ...NOT_BUILT.map((n) => n.source)].sort();
    expect(pinned).toEqual(used);
    expect(new Set(pinned).size).toBe(pinned.length);
  });

  it('pins each provider to a tag commit, a known licence and a source that names the version', () => {
    for (const p of PROVIDERS) {
      expect(p.tag).toBe(`v${p.version}`);
      expect(p.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(LICENSES).toContain(p.license);
      const src = p.source;
      if (src.kind === 'go-proxy') {
        expect(src.sum).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
        // A pseudo-version names the commit; a release version is the tag itself.
        expect([p.tag, p.commit.slice(0, 12)].some((v) => src.moduleVersion.endsWith(v))).toBe(true);
      }
    }
  });

  it('pins an OpenTofu release (MPL), not a pre-release', () => {
    expect(OPENTOFU.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(OPENTOFU.license).toBe('MPL-2.0');
    expect(OPENTOFU.sum).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });
});
