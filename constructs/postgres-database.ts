import { Construct } from 'constructs';
import { GeneratedSecret } from './generated-secret';
import { ConstructError } from './construct-error';

export interface PostgresDatabaseProps {
  /** Database name; also the construct id. */
  readonly name: string;
  /** Owner role (login). @default - the database name */
  readonly owner?: string;
  /** Extensions created in the database by the superuser (e.g. `pg_trgm`). @default - none */
  readonly extensions?: readonly string[];
}

/** SQLAlchemy driver prefixes the platform's services use. */
export type PostgresDriver = 'postgresql' | 'postgresql+psycopg2' | 'postgresql+asyncpg';

const IDENT = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * One database on the platform's PostgreSQL server, owned by its own login role with a generated
 * password. The database is created by the server's init script (`postgresInitScript`) on the first
 * start; the password reaches that script only through the server's environment
 * (`passwordEnv`), never through the script text. Services get their connection URL by reference:
 * `db.url('postgresql+psycopg2', postgres.internalUrl('sql'))`.
 */
export class PostgresDatabase extends Construct {
  readonly name: string;
  readonly owner: string;
  readonly extensions: readonly string[];
  readonly password: GeneratedSecret;
  /** Environment variable of the Postgres container that carries the owner's password. */
  readonly passwordEnv: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    this.name = props.name;
    this.owner = props.owner ?? props.name;
    this.extensions = props.extensions ?? [];
    for (const [what, v] of [['name', this.name], ['owner', this.owner], ...this.extensions.map((e) => ['extension', e])] as const) {
      if (!IDENT.test(v)) throw new ConstructError(this, `postgres database "${props.name}": ${what} "${v}" must match ${IDENT} (it is written into SQL unquoted-safe)`);
    }
    this.password = new GeneratedSecret(this, 'password');
    this.passwordEnv = `DATALAB_DB_${this.name.toUpperCase()}_PASSWORD`;
  }

  /** `driver://owner:password@host:port/name`; `hostPort` as `DockerService.internalUrl` gives it for a tcp port. */
  url(driver: PostgresDriver, hostPort: string): string {
    return `${driver}://${this.owner}:${this.password.value}@${hostPort}/${this.name}`;
  }
}

/**
 * The shell script the postgres image runs (sourced, as user postgres) from
 * `/docker-entrypoint-initdb.d` on an empty data directory. It holds no secret: psql reads each
 * password from the environment with `\getenv` (PostgreSQL ≥ 15). No `${` appears in it, since
 * Terraform would read that as an interpolation.
 */
export function postgresInitScript(databases: readonly PostgresDatabase[]): string {
  const sql: string[] = [];
  for (const db of databases) {
    sql.push(
      // \getenv leaves the variable unchanged when the env var is unset: clear it first.
      '\\unset pw',
      `\\getenv pw ${db.passwordEnv}`,
      `CREATE ROLE "${db.owner}" LOGIN PASSWORD :'pw';`,
      `CREATE DATABASE "${db.name}" OWNER "${db.owner}";`,
      // PUBLIC may connect to every new database by default: only its owner (and superusers) here.
      `REVOKE CONNECT ON DATABASE "${db.name}" FROM PUBLIC;`,
    );
  }
  for (const db of databases) {
    if (db.extensions.length === 0) continue;
    sql.push(`\\connect "${db.name}"`, ...db.extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS "${e}";`));
  }
  sql.push('\\unset pw');
  return [
    '# Managed by DataLab Stacks: one database and owner role per service, created once on an empty',
    '# data volume. Passwords come from the container environment, never from this file.',
    '# An unset password variable leaves ":\'pw\'" unexpanded, a syntax error that stops the init.',
    'psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<\'DATALAB_SQL\'',
    ...sql,
    'DATALAB_SQL',
    '',
  ].join('\n');
}
