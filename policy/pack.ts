import { bareReferences } from './rules/bare-references';
import { capabilitiesDropped } from './rules/capabilities-dropped';
import { consulRegistered } from './rules/consul-registered';
import { credentialsReferenced } from './rules/credentials-referenced';
import { dataProtected } from './rules/data-protected';
import { healthCheck } from './rules/health-check';
import { imagePinned } from './rules/image-pinned';
import { logRotation } from './rules/log-rotation';
import { loopbackPorts } from './rules/loopback-ports';
import { memoryLimit } from './rules/memory-limit';
import { noNewPrivileges } from './rules/no-new-privileges';
import { nonRootUser } from './rules/non-root-user';
import { notPrivileged } from './rules/not-privileged';
import { readOnlyRootfs } from './rules/read-only-rootfs';
import { restartPolicy } from './rules/restart-policy';
import { stopGrace } from './rules/stop-grace';
import { templateLiterals } from './rules/template-literals';
import { tmpfsBounded } from './rules/tmpfs-bounded';
import { topicReplication } from './rules/topic-replication';
import { PolicyRule } from './types';

/** The DataLab pack, applied to every synthesized stack. Ids are stable; a test pins this list. */
export const DATALAB_RULES: readonly PolicyRule[] = [
  imagePinned,
  healthCheck,
  memoryLimit,
  restartPolicy,
  notPrivileged,
  loopbackPorts,
  dataProtected,
  consulRegistered,
  topicReplication,
  credentialsReferenced,
  stopGrace,
  logRotation,
  bareReferences,
  templateLiterals,
  noNewPrivileges,
  capabilitiesDropped,
  nonRootUser,
  readOnlyRootfs,
  tmpfsBounded,
];
