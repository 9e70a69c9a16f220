#!/usr/bin/env bash
# Entry point of the postgres stand-in (e2e only; see docs/images.md): our own script with the
# behaviour of the docker-library image that the stacks and users rely on.
#
#   - `postgres …` (or a first argument starting with `-`, which gets `postgres` put before it)
#     prepares the data directory; anything else, and `postgres --help/--version/…`, is exec'd as is.
#   - POSTGRES_PASSWORD, POSTGRES_USER (default postgres), POSTGRES_DB (default: the user),
#     POSTGRES_INITDB_ARGS, each also as <NAME>_FILE; POSTGRES_HOST_AUTH_METHOD, POSTGRES_INITDB_WALDIR.
#   - Started as root: the data and socket directories are given to postgres, and the script runs
#     again as postgres through gosu. Started as any other uid: no chown, no gosu (nothing here
#     needs a capability then).
#   - Only when $PGDATA holds no PG_VERSION: initdb with the superuser and its password, a
#     `host all all all <auth>` line in pg_hba.conf (auth: the server's password_encryption), a
#     temporary server on the Unix socket only, POSTGRES_DB created, then every file of
#     /docker-entrypoint-initdb.d in name order: *.sh executed when executable, else sourced;
#     *.sql, *.sql.gz, *.sql.xz, *.sql.zst fed to psql; anything else ignored. Then the server
#     stops and the real one is exec'd.
# Init scripts that are sourced may use `docker_process_sql` and "${psql[@]}", as upstream's allow.
set -Eeo pipefail

INITDB_DIR=/docker-entrypoint-initdb.d
SOCKET_DIR=/var/run/postgresql

say() { printf '%s: %s\n' "${0##*/}" "$*"; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# NAME from the environment, or from the file NAME_FILE names (Docker secrets); never both.
from_env_or_file() {
  local name=$1 fallback=${2-} file_var="$1_FILE"
  local value=${!name-} file=${!file_var-}
  [[ -n $value && -n $file ]] && die "$name and $file_var are both set; set one of them"
  if [[ -z $value && -n $file ]]; then value=$(<"$file"); fi
  export "$name=${value:-$fallback}"
  unset "$file_var"
}

# True when the postgres arguments only ask for information (the server would not start).
only_asks() {
  local a
  for a in "$@"; do
    case $a in -'?' | --help | --describe-config | -V | --version) return 0 ;; esac
  done
  return 1
}

prepare_directories() {
  mkdir -p "$PGDATA"
  # PostgreSQL refuses a data directory others can read; may fail on odd mounts (then it says so).
  chmod 700 "$PGDATA" || :
  mkdir -p "$SOCKET_DIR" || :
  chmod 3775 "$SOCKET_DIR" || :
  if [[ -n ${POSTGRES_INITDB_WALDIR:-} ]]; then
    mkdir -p "$POSTGRES_INITDB_WALDIR"
    [[ $(id -u) == 0 ]] && find "$POSTGRES_INITDB_WALDIR" ! -user postgres -exec chown postgres {} +
    chmod 700 "$POSTGRES_INITDB_WALDIR"
  fi
  if [[ $(id -u) == 0 ]]; then
    find "$PGDATA" "$SOCKET_DIR" ! -user postgres -exec chown postgres {} +
  fi
}

# psql as the superuser on the Unix socket, into POSTGRES_DB unless told otherwise.
docker_process_sql() {
  local cmd=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER")
  [[ -n $POSTGRES_DB ]] && cmd+=(--dbname "$POSTGRES_DB")
  PGHOST='' PGHOSTADDR='' "${cmd[@]}" "$@"
}

check_credentials() {
  if [[ -z $POSTGRES_PASSWORD && $POSTGRES_HOST_AUTH_METHOD != trust ]]; then
    die "the data directory $PGDATA is empty and POSTGRES_PASSWORD is not set: set the superuser's password (or POSTGRES_HOST_AUTH_METHOD=trust, which lets anyone on the network in)"
  fi
  if [[ $POSTGRES_HOST_AUTH_METHOD == trust ]]; then
    say 'WARNING: POSTGRES_HOST_AUTH_METHOD=trust: every connection over the network is let in without a password' >&2
  fi
}

run_initdb() {
  local preload_set=''
  # initdb wants its uid in the passwd database: give an unknown uid one through nss_wrapper.
  if ! getent passwd "$(id -u)" >/dev/null; then
    local lib
    for lib in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so /lib/*/libnss_wrapper.so; do
      [[ -s $lib ]] || continue
      NSS_WRAPPER_PASSWD=$(mktemp)
      NSS_WRAPPER_GROUP=$(mktemp)
      printf 'postgres:x:%s:%s:PostgreSQL:%s:/bin/false\n' "$(id -u)" "$(id -g)" "$PGDATA" >"$NSS_WRAPPER_PASSWD"
      printf 'postgres:x:%s:\n' "$(id -g)" >"$NSS_WRAPPER_GROUP"
      export LD_PRELOAD=$lib NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
      preload_set=1
      break
    done
  fi
  local extra=()
  [[ -n ${POSTGRES_INITDB_WALDIR:-} ]] && extra=(--waldir "$POSTGRES_INITDB_WALDIR")
  # POSTGRES_INITDB_ARGS is a shell word list (it may quote); the password goes through a pipe,
  # with a newline since initdb refuses an empty file.
  eval "initdb --username=\"\$POSTGRES_USER\" --pwfile=<(printf '%s\n' \"\$POSTGRES_PASSWORD\") ${POSTGRES_INITDB_ARGS} \"\${extra[@]}\""
  if [[ -n $preload_set ]]; then
    rm -f "$NSS_WRAPPER_PASSWD" "$NSS_WRAPPER_GROUP"
    unset LD_PRELOAD NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
  fi
}

# Connections over the network need the password, hashed as the server hashes new ones.
allow_network_logins() {
  local method
  method=$(postgres -C password_encryption "$@")
  : "${POSTGRES_HOST_AUTH_METHOD:=$method}"
  {
    echo
    [[ $POSTGRES_HOST_AUTH_METHOD == trust ]] && echo '# trust: no password asked of anyone (POSTGRES_HOST_AUTH_METHOD)'
    echo "host all all all $POSTGRES_HOST_AUTH_METHOD"
  } >>"$PGDATA/pg_hba.conf"
}

# The server the init files talk to: the same settings, on the Unix socket only.
start_init_server() {
  local opts
  printf -v opts '%q ' "$@" -c listen_addresses= -p "${PGPORT:-5432}"
  NOTIFY_SOCKET='' PGUSER=${PGUSER:-$POSTGRES_USER} pg_ctl -D "$PGDATA" -o "$opts" -w start
}

stop_init_server() {
  PGUSER=${PGUSER:-postgres} pg_ctl -D "$PGDATA" -m fast -w stop
}

create_database() {
  local found
  found=$(POSTGRES_DB='' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only --no-align \
    <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [[ -z $found ]]; then
    POSTGRES_DB='' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
}

run_init_files() {
  # Kept for init scripts written for the upstream image.
  psql=(docker_process_sql)
  local f
  for f in "$INITDB_DIR"/*; do
    [[ -e $f ]] || continue
    case $f in
      *.sh)
        if [[ -x $f ]]; then say "running $f"; "$f"; else say "sourcing $f"; . "$f"; fi ;;
      *.sql) say "running $f"; docker_process_sql -f "$f" ;;
      *.sql.gz) say "running $f"; gunzip -c "$f" | docker_process_sql ;;
      *.sql.xz) say "running $f"; xzcat "$f" | docker_process_sql ;;
      *.sql.zst) say "running $f"; zstd -dc "$f" | docker_process_sql ;;
      *) say "ignoring $f" ;;
    esac
  done
}

initialise() {
  check_credentials
  # Fail now, not half-way, when the init folder cannot be read.
  ls "$INITDB_DIR" >/dev/null
  run_initdb
  allow_network_logins "$@"
  # For psql in the init files when local connections need a password too.
  export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
  start_init_server "$@"
  create_database
  run_init_files
  stop_init_server
  unset PGPASSWORD
  say 'PostgreSQL init process complete; ready for start up.'
}

main() {
  [[ ${1-} == -* ]] && set -- postgres "$@"
  if [[ ${1-} != postgres ]] || only_asks "$@"; then exec "$@"; fi

  from_env_or_file POSTGRES_PASSWORD
  from_env_or_file POSTGRES_USER postgres
  from_env_or_file POSTGRES_DB "$POSTGRES_USER"
  from_env_or_file POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}"

  prepare_directories
  if [[ $(id -u) == 0 ]]; then exec gosu postgres "${BASH_SOURCE[0]}" "$@"; fi

  if [[ -s $PGDATA/PG_VERSION ]]; then
    say "PostgreSQL Database directory appears to contain a database; Skipping initialization"
  else
    # The server's own arguments (without the leading "postgres") apply to initdb's helpers too.
    initialise "${@:2}"
  fi
  exec "$@"
}

main "$@"
