/**
 * The one list of what the e2e toolchain builds: OpenTofu and the Terraform providers, each
 * pinned to a release, the commit of its tag, and where its source comes from. The versions must
 * match cdktf.json, the generated bindings in .gen/providers and the prebuilt @cdktf packages:
 * `__tests__/e2e-versions.test.ts` fails when they disagree.
 *
 * Only open-source code is built: OpenTofu (MPL-2.0, not Terraform, which is BSL from 1.6), the
 * docker, random and consul providers (MPL-2.0) and the kafka provider (MIT). The minio provider is
 * AGPL-3.0 and is never built (see NOT_BUILT).
 *
 * Where the source comes from, as found on the Go module proxy these machines reach:
 * - A `go-proxy` source is one module version the proxy serves; its `h1:` sum is pinned here and
 *   checked after download, and the proxy's record of the commit (Origin.Hash) must be `commit`.
 * - A `mirror` source is a provider the proxy does not serve at all: it answers 403 "not available"
 *   for every version name (the tag, `+incompatible`, commit hashes and pseudo-versions, under the
 *   repository path and the go.mod path; `go list -m -versions` is refused too). Nothing here
 *   builds it: it must come in a provider mirror made on a connected machine with
 *   `tofu providers mirror` and named by DATALAB_E2E_PROVIDER_MIRROR (docs/workflow.md).
 */

export const LICENSES = ['MPL-2.0', 'MIT'] as const;
export type License = (typeof LICENSES)[number];

export interface OpenTofuPin {
  readonly goModule: string;
  /** A release the Go module proxy serves (`go list -m -versions github.com/opentofu/opentofu`). */
  readonly version: string;
  /** go.sum hash of the module zip (also verified by the checksum database). */
  readonly sum: string;
  readonly mainPackage: string;
  readonly license: License;
  /** As in the release build (.goreleaser.yaml): without it `tofu version` says "-dev". */
  readonly ldflags: readonly string[];
}

export const OPENTOFU: OpenTofuPin = {
  goModule: 'github.com/opentofu/opentofu',
  version: 'v1.12.6',
  sum: 'h1:0VT4P8pMmGcCUnQ9JDrJ+Qg2d35Vzm4FFd/9+H7oF98=',
  mainPackage: './cmd/tofu',
  license: 'MPL-2.0',
  ldflags: ['-X', 'github.com/opentofu/opentofu/version.dev=no'],
};

export interface GoProxySource {
  readonly kind: 'go-proxy';
  readonly module: string;
  readonly moduleVersion: string;
  /** go.sum hash of the module zip, checked after download. */
  readonly sum: string;
  /**
   * False when the checksum database has no record of this version (it answers 404): the
   * download then runs with GONOSUMDB for this module only, and the pinned `sum` — recorded
   * after comparing the extracted module with `git archive` of `commit` — is the check instead.
   */
  readonly inChecksumDb: boolean;
}

/** A provider no registry reachable here serves: it is taken from DATALAB_E2E_PROVIDER_MIRROR. */
export interface MirrorSource {
  readonly kind: 'mirror';
  /** What the Go module proxy answered, for the message when no mirror has it. */
  readonly refused: string;
}

export interface ProviderPin {
  /** Local name in required_providers and the schema file name under .gen/schemas/. */
  readonly name: string;
  /** Registry namespace and type, lower case as the registries normalise them. */
  readonly namespace: string;
  readonly type: string;
  /** Release version, without "v": the version directory in the mirror. */
  readonly version: string;
  readonly tag: string;
  /** The commit the tag points at (read from the upstream repository). */
  readonly commit: string;
  readonly repository: string;
  /** `module` line of the provider's go.mod at the tag (differs from the repository for some). */
  readonly goModulePath: string;
  readonly license: License;
  readonly source: GoProxySource | MirrorSource;
  /** `-X` linker settings the upstream release build (goreleaser) passes, for `version` output. */
  readonly versionVariable?: string;
}

export const PROVIDERS: readonly ProviderPin[] = [
  {
    name: 'docker',
    namespace: 'kreuzwerker',
    type: 'docker',
    version: '3.6.2',
    tag: 'v3.6.2',
    commit: '2f20f8c3ce8290fcd03d96e69c7bc6338897a479',
    repository: 'github.com/kreuzwerker/terraform-provider-docker',
    // go.mod keeps the old path while the code lives in kreuzwerker's repository, and its v3 tags
    // have no /v3 suffix. The proxy serves neither path (see the file comment), so no wrapper
    // module with a replace can reach it either.
    goModulePath: 'github.com/terraform-providers/terraform-provider-docker',
    license: 'MPL-2.0',
    source: { kind: 'mirror', refused: 'github.com/kreuzwerker/terraform-provider-docker and github.com/terraform-providers/terraform-provider-docker: 403 at every version' },
    versionVariable: 'main.version',
  },
  {
    name: 'random',
    namespace: 'hashicorp',
    type: 'random',
    version: '3.7.2',
    tag: 'v3.7.2',
    commit: 'bc2ddb552b4676d16997987a9bf2875c7b98d342',
    repository: 'github.com/hashicorp/terraform-provider-random',
    goModulePath: 'github.com/terraform-providers/terraform-provider-random',
    license: 'MPL-2.0',
    // Asked for under its go.mod path (GitHub redirects that path to hashicorp's repository), the
    // proxy serves the tag commit as the canonical pseudo-version (base tag v1.3.1, the newest tag
    // valid without a /v3 suffix). The path matches go.mod, so no wrapper module is needed: the
    // build runs inside the downloaded module. The hashicorp/... path and v0.0.0-... are refused.
    source: {
      kind: 'go-proxy',
      module: 'github.com/terraform-providers/terraform-provider-random',
      moduleVersion: 'v1.3.2-0.20250422105519-bc2ddb552b46',
      sum: 'h1:xKgqtuIoGzvqpCXcHvLrftZm4h9XusvFIa2OBdAkI4g=',
      inChecksumDb: false,
    },
    versionVariable: 'main.Version',
  },
  {
    name: 'consul',
    namespace: 'hashicorp',
    type: 'consul',
    version: '2.23.0',
    tag: 'v2.23.0',
    commit: '86cfc3a1c9dc23b0099b12c5c9988957ccc7f345',
    repository: 'github.com/hashicorp/terraform-provider-consul',
    // No /v2 suffix and a replace in go.mod; the proxy refuses this module at every version (the
    // whole path is not served).
    goModulePath: 'github.com/hashicorp/terraform-provider-consul',
    license: 'MPL-2.0',
    source: { kind: 'mirror', refused: 'github.com/hashicorp/terraform-provider-consul: 403 at every version, and for the version list' },
    versionVariable: 'main.Version',
  },
  {
    name: 'kafka',
    namespace: 'mongey',
    type: 'kafka',
    version: '0.13.1',
    tag: 'v0.13.1',
    commit: '27ff26d01af0429164a9c5d99549e901e62de0c6',
    repository: 'github.com/Mongey/terraform-provider-kafka',
    // A v0 tag: served as is. go.mod has a replace (git.apache.org/thrift.git), so the build runs
    // inside the downloaded module rather than through `go install`.
    goModulePath: 'github.com/Mongey/terraform-provider-kafka',
    license: 'MIT',
    source: {
      kind: 'go-proxy',
      module: 'github.com/Mongey/terraform-provider-kafka',
      moduleVersion: 'v0.13.1',
      sum: 'h1:Dh+rcu3u/j8W2VlR47e6z28EI1ptmN+UfAU6As8WRsw=',
      inChecksumDb: true,
    },
  },
];

/** Providers the stacks use that the toolchain deliberately does not build. */
export interface NotBuilt {
  readonly source: string;
  readonly version: string;
  readonly reason: string;
}

export const NOT_BUILT: readonly NotBuilt[] = [{ source: 'aminueza/minio', version: '3.40.1', reason: 'AGPL-3.0: not built; the e2e lake is SeaweedFS' }];

/**
 * The registry hosts the mirror serves. A short source such as "kreuzwerker/docker" (what the
 * synthesized stacks use) means registry.opentofu.org/kreuzwerker/docker to tofu and
 * registry.terraform.io/kreuzwerker/docker to terraform; tofu finds nothing for a short source in
 * a mirror that has only registry.terraform.io (checked with OpenTofu 1.12.6).
 */
export const REGISTRY_HOSTS = ['registry.terraform.io', 'registry.opentofu.org'] as const;
export const TOFU_SHORT_SOURCE_HOST = 'registry.opentofu.org';

export function shortSource(p: Pick<ProviderPin, 'namespace' | 'type'>): string {
  return `${p.namespace}/${p.type}`;
}
