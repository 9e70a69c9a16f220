#!/usr/bin/dumb-init /bin/sh
# DataLab e2e stand-in for the docker-entrypoint.sh of hashicorp/consul (written for this project;
# see docs/images.md). Same behaviour as the 1.8.x and 1.14.x images: dumb-init as PID 1;
# CONSUL_BIND_INTERFACE / CONSUL_CLIENT_INTERFACE become -bind / -client with the interface's IPv4
# address; CONSUL_LOCAL_CONFIG is written to <config dir>/local.json; `agent` gets -data-dir and
# -config-dir; a leading flag or a consul subcommand runs consul; consul runs as the consul user
# via su-exec after the data and config dirs are handed to it (unless CONSUL_DISABLE_PERM_MGMT is
# set). As in the 1.9+ images, CONSUL_BIND, CONSUL_CLIENT, CONSUL_DATA_DIR, CONSUL_CONFIG_DIR,
# CONSUL_UID and CONSUL_GID may be preset (the 1.8 image always computed them itself).
set -e

# interface_ipv4 NAME: the first IPv4 address of interface NAME.
interface_ipv4() {
  ip -o -4 addr list "$1" | head -n1 | awk '{print $4}' | cut -d/ -f1
}

# address_of INTERFACE OPTION: the IPv4 address of INTERFACE for the -OPTION flag, or exit 1.
address_of() {
  address=$(interface_ipv4 "$1")
  if [ -z "$address" ]; then
    echo "Could not find IP for interface '$1', exiting" >&2
    exit 1
  fi
  echo "==> Found address '$address' for interface '$1', setting $2 option..." >&2
  echo "$address"
}

if [ -z "$CONSUL_BIND" ] && [ -n "$CONSUL_BIND_INTERFACE" ]; then
  CONSUL_BIND="-bind=$(address_of "$CONSUL_BIND_INTERFACE" bind)"
fi
if [ -z "$CONSUL_CLIENT" ] && [ -n "$CONSUL_CLIENT_INTERFACE" ]; then
  CONSUL_CLIENT="-client=$(address_of "$CONSUL_CLIENT_INTERFACE" client)"
fi

CONSUL_DATA_DIR=${CONSUL_DATA_DIR:-/consul/data}
CONSUL_CONFIG_DIR=${CONSUL_CONFIG_DIR:-/consul/config}

if [ -n "$CONSUL_LOCAL_CONFIG" ]; then
  echo "$CONSUL_LOCAL_CONFIG" > "$CONSUL_CONFIG_DIR/local.json"
fi

case "$1" in
  -*) set -- consul "$@" ;;
esac

if [ "$1" = 'agent' ]; then
  shift
  # Unquoted on purpose: unset options vanish, as in the real image.
  set -- consul agent -data-dir="$CONSUL_DATA_DIR" -config-dir="$CONSUL_CONFIG_DIR" $CONSUL_BIND $CONSUL_CLIENT "$@"
elif [ "$1" = 'version' ]; then
  set -- consul "$@"
elif consul --help "$1" 2>&1 | grep -q "consul $1"; then
  # consul has no exit code for "is this a subcommand": its help output names it.
  set -- consul "$@"
fi

if [ "$1" = 'consul' ] && [ -z "${CONSUL_DISABLE_PERM_MGMT+x}" ]; then
  CONSUL_UID=${CONSUL_UID:-$(id -u consul)}
  CONSUL_GID=${CONSUL_GID:-$(id -g consul)}
  if [ "$(stat -c %u "$CONSUL_DATA_DIR")" != "$CONSUL_UID" ]; then
    chown "$CONSUL_UID:$CONSUL_GID" "$CONSUL_DATA_DIR"
  fi
  if [ "$(stat -c %u "$CONSUL_CONFIG_DIR")" != "$CONSUL_UID" ]; then
    chown "$CONSUL_UID:$CONSUL_GID" "$CONSUL_CONFIG_DIR"
  fi
  if [ -n "${CONSUL_ALLOW_PRIVILEGED_PORTS+x}" ]; then
    setcap "cap_net_bind_service=+ep" /bin/consul
  fi
  set -- su-exec "$CONSUL_UID:$CONSUL_GID" "$@"
fi

exec "$@"
