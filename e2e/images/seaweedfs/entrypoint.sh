#!/bin/sh
# DataLab e2e stand-in for chrislusf/seaweedfs's /entrypoint.sh (written for this project; see
# docs/images.md). Same behaviour: GODEBUG gets fips140=on; as root, /data is handed to the seaweed
# user when its owner differs and the script re-runs itself through su-exec; then the first argument
# picks a weed subcommand with the image's default flags, anything else runs weed with the
# arguments as given.
#
# One difference, on purpose: the master's usage report to telemetry.seaweedfs.com (on by default
# in weed 4.x) is switched off (-telemetry=false / -master.telemetry=false) unless the arguments
# set it, because this e2e machine must not send traffic to the internet.

export GODEBUG="${GODEBUG:+$GODEBUG,}fips140=on"

if [ "$(id -u)" = "0" ]; then
  uid=$(id -u seaweed 2>/dev/null)
  gid=$(id -g seaweed 2>/dev/null)
  if [ -z "$uid" ] || [ -z "$gid" ]; then
    echo "Error: 'seaweed' user or group not found. Cannot fix permissions." >&2
    exit 1
  fi
  if [ "$(stat -c '%u' /data 2>/dev/null)" != "$uid" ] || [ "$(stat -c '%g' /data 2>/dev/null)" != "$gid" ]; then
    echo "Fixing /data ownership for seaweed user (uid=$uid, gid=$gid)"
    chown -R seaweed:seaweed /data ||
      echo "Warning: Failed to change ownership of /data. This may cause permission errors." >&2
  fi
  exec su-exec seaweed "$0" "$@"
fi

# has_flag NAME ARGS...: true when ARGS hold -NAME or --NAME, bare or with =value.
has_flag() {
  name=${1#-}
  shift
  for a in "$@"; do
    case "$a" in
      "-$name" | "--$name" | "-$name="* | "--$name="*) return 0 ;;
    esac
  done
  return 1
}

# An empty placeholder stands where the image has no Rust build for this platform.
need_binary() {
  if [ ! -s "$1" ]; then
    echo "Error: $2 is not available on this platform ($(uname -m))." >&2
    [ -n "$3" ] && echo "$3" >&2
    exit 1
  fi
}

sub=$1
[ $# -gt 0 ] && shift
case "$sub" in
  master)
    has_flag telemetry "$@" || set -- -telemetry=false "$@"
    exec /usr/bin/weed -logtostderr=true master -mdir=/data -volumeSizeLimitMB=1024 "$@" ;;
  volume)
    if has_flag max "$@"; then set -- -dir=/data "$@"; else set -- -dir=/data -max=0 "$@"; fi
    exec /usr/bin/weed -logtostderr=true volume "$@" ;;
  volume-rust)
    need_binary /usr/bin/weed-volume "Rust volume server" "Use 'volume' for the Go volume server instead."
    if has_flag max "$@"; then set -- -dir /data "$@"; else set -- -dir /data -max 0 "$@"; fi
    exec /usr/bin/weed-volume "$@" ;;
  worker-rust)
    need_binary /usr/bin/weed-worker "Rust maintenance worker" "Use 'worker' for the Go maintenance worker instead."
    exec /usr/bin/weed-worker "$@" ;;
  vector)
    need_binary /usr/bin/weed-vector "the vector engine"
    if [ -z "$WEED_VECTOR_LISTEN" ] && ! has_flag listen "$@"; then set -- --listen 0.0.0.0:8090 "$@"; fi
    exec /usr/bin/weed-vector "$@" ;;
  server)
    has_flag master.telemetry "$@" || set -- -master.telemetry=false "$@"
    if has_flag volume.max "$@"; then
      set -- -dir=/data -master.volumeSizeLimitMB=1024 "$@"
    else
      set -- -dir=/data -volume.max=0 -master.volumeSizeLimitMB=1024 "$@"
    fi
    exec /usr/bin/weed -logtostderr=true server "$@" ;;
  mini)
    has_flag master.telemetry "$@" || set -- -master.telemetry=false "$@"
    has_flag dir "$@" || set -- -dir=/data "$@"
    exec /usr/bin/weed -logtostderr=true mini "$@" ;;
  filer)
    exec /usr/bin/weed -logtostderr=true filer "$@" ;;
  s3)
    exec /usr/bin/weed -logtostderr=true s3 "-domainName=$S3_DOMAIN_NAME" "-key.file=$S3_KEY_FILE" "-cert.file=$S3_CERT_FILE" "$@" ;;
  shell)
    echo "$@" | exec /usr/bin/weed -logtostderr=true shell "-cluster=$SHELL_CLUSTER" "-filer=$SHELL_FILER" \
      "-filerGroup=$SHELL_FILER_GROUP" "-master=$SHELL_MASTER" "-options=$SHELL_OPTIONS" ;;
  *)
    if [ -n "$sub" ]; then set -- "$sub" "$@"; fi
    exec /usr/bin/weed "$@" ;;
esac
