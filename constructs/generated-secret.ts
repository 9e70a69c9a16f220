import { Password } from '@cdktf/provider-random/lib/password';
import { Construct } from 'constructs';
import { useRandomProvider } from './stack-providers';

export interface GeneratedSecretProps {
  /** @default 32 */
  readonly length?: number;
  /**
   * Allow punctuation. Off by default: these values end up in environment variables, connection
   * URLs and config files, where punctuation needs escaping. 32 alphanumerics ≈ 190 bits.
   * @default false
   */
  readonly special?: boolean;
}

/**
 * A credential generated at apply time with the random provider. The value lives only in
 * Terraform state (keep state private) and is always sensitive in plans and outputs.
 */
export class GeneratedSecret extends Construct {
  readonly resource: Password;
  /** The secret (sensitive token). */
  readonly value: string;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps = {}) {
    super(scope, id);
    useRandomProvider(this);
    this.resource = new Password(this, 'Resource', {
      length: props.length ?? 32,
      special: props.special ?? false,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
    });
    this.value = this.resource.result;
  }
}
