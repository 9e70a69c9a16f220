/**
 * The data lake's object store, chosen per environment (`core.objectStore`). Each store module
 * deploys its server(s) and a `DataLake` on them; the core stack and every consumer see only the
 * result: a service to register and monitor, and a lake that hands out buckets and identities.
 */
import { Construct } from 'constructs';
import { CoreConfig } from '../config/schema';
import { DataLake } from '../constructs/data-lake';
import { DockerService } from '../constructs/docker-service';
import { PlatformNetwork } from '../constructs/platform-network';
import { deployMinio } from './minio-store';
import { deploySeaweedfs } from './seaweedfs-store';
import { ServiceContext } from './service-config';

export interface ObjectStoreProps {
  readonly context: ServiceContext;
  readonly core: CoreConfig;
  readonly network: PlatformNetwork;
  readonly protectData: boolean;
}

export interface ObjectStore {
  /** The long-running server (registered in Consul, scraped by Prometheus). */
  readonly server: DockerService;
  /** S3 port name of `server` (for registrations and endpoints). */
  readonly s3Port: string;
  readonly lake: DataLake;
}

/** Deploys the environment's object store into `scope` (the core stack). */
export function deployObjectStore(scope: Construct, props: ObjectStoreProps): ObjectStore {
  switch (props.core.objectStore) {
    case 'minio':
      return deployMinio(scope, props);
    case 'seaweedfs':
      return deploySeaweedfs(scope, props);
  }
}
