import { isLiteralString, nonCompliant, notApplicable, compliant, PolicyRule, RuleResult } from '../types';

/** Why an image reference is not pinned, or undefined when it is (`name:tag` or `name@sha256:…`). */
export function unpinnedReason(ref: string): string | undefined {
  const [nameTag, digest] = ref.split('@');
  if (digest !== undefined) return /^sha256:[a-f0-9]{64}$/.test(digest) ? undefined : `digest "${digest}" is not sha256:<64 hex>`;
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  if (colon <= slash) return 'no tag (Docker pulls "latest")';
  const tag = nameTag.slice(colon + 1);
  if (tag === '') return 'empty tag';
  if (tag === 'latest') return 'tag "latest" moves';
  return undefined;
}

/**
 * DL001: images are pinned by version tag or digest. The docker provider pulls only when the name is
 * missing locally, so a moving tag gives different hosts different software and never upgrades.
 */
export const imagePinned: PolicyRule = {
  id: 'DL001',
  name: 'image-pinned',
  level: 'error',
  summary: 'docker_image names and literal docker_container images carry a version tag or digest (not "latest", not missing)',
  fix: 'set the service image in config/<env>.yaml to "registry/name:<version>" (or add @sha256:<digest>)',
  check(r): RuleResult {
    const ref = r.type === 'docker_image' ? r.config.name : r.type === 'docker_container' ? r.config.image : undefined;
    if (!isLiteralString(ref)) return notApplicable();
    // A container given an image id (sha256:…) is pinned by content.
    if (r.type === 'docker_container' && /^sha256:[a-f0-9]{64}$/.test(ref)) return compliant();
    const why = unpinnedReason(ref);
    return why ? nonCompliant(`image "${ref}": ${why}`) : compliant();
  },
};
