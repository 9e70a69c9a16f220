/** Builds the policy context and suppressions of an environment from its config. */
import { configFileFor } from '../config/loader';
import { KAFKA_BROKERS, servicesOf } from '../config/services';
import { EnvConfig } from '../config/schema';
import { PolicyContext } from './engine';
import { Suppression } from './suppressions';

/** `kafkaUi` → `kafka-ui`: config keys are camelCase, service (container) names kebab-case. */
export function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function policyContextFor(cfg: EnvConfig): PolicyContext {
  const publicServices = new Set<string>();
  for (const { path, service } of servicesOf(cfg)) {
    if (!service.public) continue;
    const key = String(path[path.length - 1]);
    publicServices.add(key).add(kebab(key));
  }
  return { environment: cfg.environment, protectData: cfg.protectData, publicServices, brokerCount: KAFKA_BROKERS };
}

/** `policy.suppressions` of the environment file. */
export function configSuppressions(cfg: EnvConfig, file = configFileFor(cfg.environment)): Suppression[] {
  return (cfg.policy?.suppressions ?? []).map((s, i) => ({ ...s, source: `${file} policy.suppressions[${i}]` }));
}
