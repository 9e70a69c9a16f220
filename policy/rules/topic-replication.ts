import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/** DL009: a topic cannot have more replicas than there are brokers (creation would fail at apply). */
export const topicReplication: PolicyRule = {
  id: 'DL009',
  name: 'topic-replication',
  level: 'error',
  summary: 'kafka_topic replication_factor is at least 1 and at most the broker count',
  fix: 'lower replication for the topic in core.topics of config/<env>.yaml',
  check(r, ctx) {
    if (r.type !== 'kafka_topic') return notApplicable();
    const rf = r.config.replication_factor;
    if (typeof rf !== 'number') return notApplicable();
    if (rf < 1) return nonCompliant(`replication_factor ${rf} < 1`);
    return rf <= ctx.brokerCount ? compliant() : nonCompliant(`replication_factor ${rf} exceeds the ${ctx.brokerCount} broker(s)`);
  },
};
