/**
 * The Terraform providers this project generates bindings for, offline, from the schema files in
 * `.gen/schemas/` (copies of `terraform providers schema -json` output). `cdktf.json` lists the
 * same sources and versions so that `cdktf get` on a connected machine produces the same code;
 * a test keeps the two lists in step.
 */
export interface GeneratedProvider {
  /** Folder name under `.gen/providers/` and schema file name under `.gen/schemas/`. */
  readonly name: string;
  /** Short registry source, as written in `cdktf.json` and `required_providers`. */
  readonly source: string;
  /** Exact version: the bindings and the schema describe this release only. */
  readonly version: string;
}

export const GENERATED_PROVIDERS: readonly GeneratedProvider[] = [
  { name: 'minio', source: 'aminueza/minio', version: '3.40.1' },
  { name: 'consul', source: 'hashicorp/consul', version: '2.23.0' },
  { name: 'kafka', source: 'mongey/kafka', version: '0.13.1' },
];
