import { LocalBackend, TerraformStack } from 'cdktf';
import { EnvConfig } from '../config/schema';

/** Where state lives, relative to the project root: `.state/<env>` unless configured. */
export function stateDir(env: EnvConfig): string {
  return env.state.dir ?? `.state/${env.environment}`;
}

/**
 * Gives the stack an explicit backend: one state file per environment and stack, so a dev plan can
 * never read or write prod state. Terraform runs in `cdktf.out/stacks/<stack>/`, so the relative
 * path climbs three levels to the project root; it stays relative so synthesized JSON and
 * snapshots hold no machine-specific paths. Cross-stack references read the same files.
 */
export function configureBackend(stack: TerraformStack, env: EnvConfig, stackName: string): LocalBackend {
  return new LocalBackend(stack, { path: `../../../${stateDir(env)}/${stackName}.tfstate` });
}
