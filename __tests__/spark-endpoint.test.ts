import { TerraformStack, Testing } from 'cdktf';
import { DockerService } from '../constructs/docker-service';
import { PlatformNetwork } from '../constructs/platform-network';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { SparkEndpoint } from '../constructs/spark-endpoint';
import { container, envOf, platformFor, synthJson } from './helpers';

const masterSpec: ServiceSpec = {
  name: 'spark-master',
  group: 'processing',
  image: 'example/spark:3.5.3',
  ports: [
    { name: 'ui', containerPort: 8080 },
    { name: 'rpc', containerPort: 7077, scheme: 'tcp' },
  ],
  probe: Probe.http(8080, '/'),
  resources: { memoryMb: 512 },
};

describe('SparkEndpoint', () => {
  it('points at the platform master by reference, with the URL its spec implies', () => {
    const s = new TerraformStack(Testing.app(), 'test');
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    const master = new DockerService(s, 'spark-master', { network, environment: 'test', spec: masterSpec });
    const e = SparkEndpoint.cluster(master);
    expect(e).toMatchObject({ url: 'spark://spark-master:7077', mode: 'cluster', master });
    expect(SparkEndpoint.masterUrlOf(masterSpec)).toBe(e.url);
  });

  it('names the ports a master has when its RPC port is missing', () => {
    expect(() => SparkEndpoint.masterUrlOf(masterSpec, 'grpc')).toThrow('service "spark-master" has no port "grpc" for the Spark master URL; it has: ui, rpc');
  });

  it('reads a configured URL as local mode or a master outside the platform', () => {
    expect(SparkEndpoint.fromUrl('local[*]')).toMatchObject({ url: 'local[*]', mode: 'local', master: undefined });
    expect(SparkEndpoint.fromUrl('spark://spark.example:7077')).toMatchObject({ url: 'spark://spark.example:7077', mode: 'cluster', master: undefined });
    expect(SparkEndpoint.local().url).toBe('local[*]');
  });

  it('is what the platform hands from processing to the workers, the jobs and the notebooks', () => {
    const { platform } = platformFor('dev');
    const p = platform.processing!;
    expect(p.spark.master).toBe(p.sparkMaster);
    expect(p.spark.url).toBe('spark://spark-master:7077');
    expect(p.sparkWorker.spec.command!.join(' ')).toContain(`org.apache.spark.deploy.worker.Worker ${p.spark.url}`);
    for (const job of p.jobs.values()) expect(job.service!.spec.command).toEqual(expect.arrayContaining(['--master', p.spark.url]));
    expect(envOf(container(synthJson(platform.visualization!), 'jupyterhub')).SPARK_MASTER).toBe(p.spark.url);
  });
});
