/**
 * What a failed step prints, so the failure can be understood from the output alone: the failing
 * assertion (or command and its last lines), then for each container the step concerns its state,
 * its health check's recent results (`docker inspect --format '{{json .State.Health}}'`) and its
 * last 30 log lines.
 */
import { CommandError } from '../lib/exec';
import { plainText } from './commands';
import { containerLogs, describeContainer, inspectContainer } from './docker';

const indent = (text: string, by = '    ') => text.split('\n').map((l) => `${by}${l}`).join('\n');

export function failureMessage(err: unknown): string {
  if (err instanceof CommandError) return plainText(err.message);
  if (err instanceof Error) return err.message || String(err);
  return String(err);
}

async function containerEvidence(name: string): Promise<string> {
  const c = await inspectContainer(name);
  if (!c) return `  ${name}: absent`;
  const lines = [`  ${name}: ${describeContainer(c)}`];
  if (c.health) {
    // The raw document, as `docker inspect --format '{{json .State.Health}}'` prints it.
    lines.push(`    health: ${JSON.stringify(c.health)}`);
  }
  const logs = await containerLogs(name, 30);
  lines.push(`    last 30 log lines:`, logs ? indent(logs, '      ') : '      (none)');
  return lines.join('\n');
}

/** The evidence block of a failed step (written to stderr by the runner). */
export async function evidence(stepName: string, err: unknown, containers: readonly string[]): Promise<string> {
  const parts = [`FAILED ${stepName}:`, indent(failureMessage(err), '  ')];
  if (containers.length) {
    parts.push('containers:');
    for (const name of containers) {
      try {
        parts.push(await containerEvidence(name));
      } catch (e) {
        parts.push(`  ${name}: could not inspect (${failureMessage(e).split('\n')[0]})`);
      }
    }
  }
  return parts.join('\n');
}
