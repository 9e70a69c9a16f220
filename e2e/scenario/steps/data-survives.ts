/**
 * h. data survives: an object in bronze and a message in events, then the lake server's and the
 * broker's containers are replaced (`tofu apply -replace=…`, what a changed image or command
 * does); both must still be there afterwards, since they live on the named volumes.
 */
import { log } from '../../lib/log';
import { check, checkEqual, uniqueSuffix } from '../assert';
import { tofu } from '../commands';
import { containerName } from '../context';
import { checkCoreUp, CORE_SERVICES } from '../core-up';
import { inspectContainer } from '../docker';
import { consumeInNetwork, produceFromHost } from '../kafka';
import { kafkaImage } from '../model';
import type { ScenarioStep } from '../runner';
import { getText, lakeClient, putText } from '../s3';
import { declaredContainer } from '../stack';
import { lakeSecrets, stateOutput } from '../state';
import { EVENTS } from './kafka';

const REPLACED = [containerName('seaweedfs'), containerName('kafka')] as const;

export const dataSurvives: ScenarioStep = {
  name: 'data-survives',
  summary: 'object in bronze and message in events survive tofu apply -replace of the lake server and the broker',
  needs: ['deploy'],
  services: CORE_SERVICES,
  async run(s) {
    const suffix = uniqueSuffix();
    const secrets = lakeSecrets(s);
    const admin = lakeClient(secrets.url, secrets.admin);
    const key = `events/survives-${suffix}`;
    const body = `kept across a container replacement ${suffix}`;
    await putText(admin, 'bronze', key, body);
    const host = stateOutput(s, 'kafka_bootstrap_host');
    const message = `survives ${suffix}`;
    const offset = await produceFromHost(host, EVENTS, 0, message);
    log(`  wrote bronze/${key} and ${EVENTS}/0@${offset}`);

    const before = await Promise.all(REPLACED.map(inspectContainer));
    const replace = REPLACED.map((n) => `-replace=${declaredContainer(s, n).address}`);
    const r = await tofu(s, ['apply', '-input=false', '-auto-approve', '-no-color', ...replace], { timeoutMs: 15 * 60_000 });
    log(`  tofu apply ${replace.join(' ')}: ${/Apply complete![^\n]*/.exec(r.stdout)?.[0] ?? 'done'}`);
    s.measurements.record('apply: replace lake server and broker', r.ms, 'tofu apply -replace of both containers (the provisioner re-runs with the new server), waiting for health');
    const after = await Promise.all(REPLACED.map(inspectContainer));
    REPLACED.forEach((n, i) => check(after[i] && before[i] && after[i]!.id !== before[i]!.id, `${n} must be a new container after -replace`));
    await checkCoreUp(s, 5 * 60_000);

    checkEqual(await getText(admin, 'bronze', key), body, `bronze/${key} after the replacement`);
    const internal = stateOutput(s, 'kafka_bootstrap_internal');
    checkEqual(await consumeInNetwork(kafkaImage(s), internal, EVENTS, 0, offset, 60_000), message, `${EVENTS}/0@${offset} after the replacement`);
    log(`  both containers are new; the object and the message are still there`);
  },
};
