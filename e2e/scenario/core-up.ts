/**
 * "Core is up": every long-running container the synthesized stack declares is running and
 * healthy by its own Docker health check, every one-shot job (the lake provisioner) ran to exit
 * code 0, every file holder exists and never ran, and no other core container of the environment
 * is around.
 */
import { capture } from '../lib/exec';
import { AssertionFailed, checkSameSet } from './assert';
import { ENVIRONMENT_LABEL, Scenario } from './context';
import { describeContainer, inspectContainer, waitHealthy } from './docker';
import { declaredContainers } from './stack';

/** Every core service: the containers whose state is evidence when a step fails. */
export const CORE_SERVICES = ['seaweedfs', 'seaweedfs-provisioner', 'kafka', 'consul', 'consul-esm'] as const;

export async function checkCoreUp(s: Scenario, timeoutMs: number): Promise<{ readonly healthyMs: number; readonly services: readonly string[] }> {
  const declared = declaredContainers(s);
  const present = await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=core', '--format', '{{.Names}}'], { timeoutMs: 30_000 });
  checkSameSet(present.split('\n').filter(Boolean), declared.map((d) => d.name), 'core containers of the environment');

  const services = declared.filter((d) => !d.oneShot && !d.holdsFiles).map((d) => d.name);
  const healthyMs = await waitHealthy(services, timeoutMs);
  for (const job of declared.filter((d) => d.oneShot)) {
    const c = await inspectContainer(job.name);
    if (c?.status !== 'exited' || c.exitCode !== 0) throw new AssertionFailed(`one-shot ${job.name} must have exited 0: it is ${describeContainer(c)}`);
  }
  for (const holder of declared.filter((d) => d.holdsFiles)) {
    const c = await inspectContainer(holder.name);
    if (c?.status !== 'created') throw new AssertionFailed(`file holder ${holder.name} must be created and never started: it is ${describeContainer(c)}`);
  }
  return { healthyMs, services };
}
