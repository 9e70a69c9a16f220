/**
 * Each Terraform stack needs its own provider blocks. These helpers add a provider to the stack
 * that contains `scope` the first time a construct there needs it, so constructs can be used in any
 * stack without the stack author wiring providers by hand.
 *
 * Provider settings are static and known at plan (host address and port from config); only the
 * MinIO root password is a reference to core's generated secret (a cross-stack output elsewhere).
 */
import { ConsulProvider } from '../.gen/providers/consul/provider';
import { KafkaProvider } from '../.gen/providers/kafka/provider';
import { MinioProvider } from '../.gen/providers/minio/provider';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export interface MinioConnection {
  /** `host:port` of the S3 API as seen from where Terraform runs. */
  readonly server: string;
  readonly user: string;
  /** Token: the root password. */
  readonly password: string;
}

export interface KafkaConnection {
  /** Bootstrap servers as seen from where Terraform runs (the host listener). */
  readonly bootstrapServers: readonly string[];
}

export interface ConsulConnection {
  /** `host:port` of the Consul HTTP API as seen from where Terraform runs. */
  readonly address: string;
  readonly datacenter: string;
}

function once<T extends Construct>(scope: Construct, id: string, make: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? make(stack);
}

export function useDockerProvider(scope: Construct): DockerProvider {
  // Host comes from DOCKER_HOST (default: the local socket), so one synth works for any daemon.
  return once(scope, 'provider-docker', (s) => new DockerProvider(s, 'provider-docker', {}));
}

export function useRandomProvider(scope: Construct): RandomProvider {
  return once(scope, 'provider-random', (s) => new RandomProvider(s, 'provider-random', {}));
}

export function useMinioProvider(scope: Construct, c: MinioConnection): MinioProvider {
  return once(
    scope,
    'provider-minio',
    (s) =>
      new MinioProvider(s, 'provider-minio', {
        minioServer: c.server,
        minioUser: c.user,
        minioPassword: c.password,
        minioSsl: false,
        minioRegion: 'us-east-1',
      }),
  );
}

export function useKafkaProvider(scope: Construct, c: KafkaConnection): KafkaProvider {
  return once(
    scope,
    'provider-kafka',
    (s) =>
      new KafkaProvider(s, 'provider-kafka', {
        bootstrapServers: [...c.bootstrapServers],
        // The broker's host listener is PLAINTEXT; the provider defaults to TLS.
        tlsEnabled: false,
        kafkaVersion: '3.7.0',
        timeout: 120,
      }),
  );
}

export function useConsulProvider(scope: Construct, c: ConsulConnection): ConsulProvider {
  return once(
    scope,
    'provider-consul',
    (s) =>
      new ConsulProvider(s, 'provider-consul', {
        address: c.address,
        scheme: 'http',
        // Set, so the provider does not ask the agent for its datacenter on every operation.
        datacenter: c.datacenter,
      }),
  );
}
