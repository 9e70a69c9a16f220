/** "A stack is up" (core's or any other deployed stack's): see checkStackUp. */
import { capture } from '../lib/exec';
import { AssertionFailed, checkSameSet } from './assert';
import { ENVIRONMENT_LABEL, Scenario, StackName } from './context';
import { describeContainer, inspectContainer, waitHealthy } from './docker';
import { declaredContainers } from './stack';

/** Every core service: the containers whose state is evidence when a step fails. */
export const CORE_SERVICES = ['seaweedfs', 'seaweedfs-provisioner', 'kafka', 'consul', 'consul-esm'] as const;

/**
 * A deployed stack is up: every container its synthesized JSON declares exists and no other
 * container of its group does; every long-running one is healthy by its own Docker health check,
 * every one-shot task exited 0 and every file holder was created and never started.
 */
export async function checkStackUp(s: Scenario, stack: StackName, timeoutMs: number): Promise<{ readonly healthyMs: number; readonly services: readonly string[] }> {
  const declared = declaredContainers(s, stack);
  const present = await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', `label=datalab.group=${stack}`, '--format', '{{.Names}}'], { timeoutMs: 30_000 });
  checkSameSet(present.split('\n').filter(Boolean), declared.map((d) => d.name), `${stack} containers of the environment`);

  const services = declared.filter((d) => !d.oneShot && !d.holdsFiles).map((d) => d.name);
  const healthyMs = await waitHealthy(services, timeoutMs);
  for (const task of declared.filter((d) => d.oneShot)) {
    const c = await inspectContainer(task.name);
    if (c?.status !== 'exited' || c.exitCode !== 0) throw new AssertionFailed(`one-shot ${task.name} must have exited 0: it is ${describeContainer(c)}`);
  }
  for (const holder of declared.filter((d) => d.holdsFiles)) {
    const c = await inspectContainer(holder.name);
    if (c?.status !== 'created') throw new AssertionFailed(`file holder ${holder.name} must be created and never started: it is ${describeContainer(c)}`);
  }
  return { healthyMs, services };
}

export function checkCoreUp(s: Scenario, timeoutMs: number): Promise<{ readonly healthyMs: number; readonly services: readonly string[] }> {
  return checkStackUp(s, 'core', timeoutMs);
}
