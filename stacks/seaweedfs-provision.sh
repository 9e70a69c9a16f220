#!/bin/sh
# Applies the SeaweedFS data lake's desired state: the complete identity set, then the buckets
# with their versioning and expiry, then removes buckets that left the config (only when data is
# not protected, and only when empty). Idempotent: a re-run with the same files changes nothing.
#
# Runs once per change as a one-shot container of the server's own image, inside the server's
# network namespace: master, filer and volume server listen on its loopback only, so nothing else
# on the platform network can reach the filer that stores the identities.
#
# Inputs (uploaded by Terraform):
#   /provision/identities.json  identities as `weed shell s3.iam.import` reads them
#   /provision/keys.txt         "<access key> <secret key>" per identity
#   /provision/buckets.txt      "<bucket> <Enabled|Suspended> <expire days or 0>" per bucket
#   DATALAB_PROTECT_DATA        "true": never delete a bucket
#   DATALAB_S3_ADMIN_SECRET_KEY the administrator's secret (access key DATALAB_S3_ADMIN_USER)
set -eu

MASTER=127.0.0.1:9333
FILER=http://127.0.0.1:8888
S3=http://127.0.0.1:8333
STATE="$FILER/etc/datalab/lake-buckets.txt"
REGION=us-east-1

log() { echo "lake-provisioner: $*"; }
fail() { echo "lake-provisioner: ERROR: $*" >&2; exit 1; }

# One or more `weed shell` commands; fails when any of them fails (weed exits 1 then).
wsh() {
  printf '%s\n' "$@" | weed shell -master="$MASTER" 2>&1
}

# A SigV4-signed S3 request as the given identity; prints the HTTP status code (body: /tmp/s3-body).
s3_status() { # key secret method path [body file]
  if [ -n "${5:-}" ]; then
    curl -s -o /tmp/s3-body -w '%{http_code}' --aws-sigv4 "aws:amz:$REGION:s3" -u "$1:$2" -X "$3" -H 'Content-Type: application/xml' --data-binary "@$5" "$S3$4"
  else
    curl -s -o /tmp/s3-body -w '%{http_code}' --aws-sigv4 "aws:amz:$REGION:s3" -u "$1:$2" -X "$3" "$S3$4"
  fi
}
s3_admin() { s3_status "$DATALAB_S3_ADMIN_USER" "$DATALAB_S3_ADMIN_SECRET_KEY" "$@"; }

# Evidence of the confinement (the e2e reads it: an exited container cannot be asked).
log "running as uid $(id -u) gid $(id -g)"

# 1. The server container is healthy before this starts, but a restart may be under way.
n=0
until curl -fsS -o /dev/null "http://$MASTER/cluster/healthz" && curl -fsS -o /dev/null "$FILER/healthz" && curl -fsS -o /dev/null "$S3/healthz"; do
  n=$((n + 1))
  [ "$n" -le 90 ] || fail "SeaweedFS (master, filer, S3 gateway) did not become ready within 180 s"
  sleep 2
done

# 2. Identities: the whole set is replaced (identities not in the file are deleted).
out=$(wsh "s3.iam.import -file=/provision/identities.json -apply") || fail "s3.iam.import failed: $out"
log "$(echo "$out" | grep -i 'users' | tr -s ' ')"

# 3. Buckets: create what is missing, then set versioning and expiry on every desired bucket.
existing=$(wsh "s3.bucket.list") || fail "s3.bucket.list failed: $existing"
# Fixed strings: a bucket name's "." is not a regular expression's.
has_bucket() { echo "$existing" | awk '{print $1}' | grep -Fqx "$1"; }
while read -r bucket versioning days; do
  [ -n "$bucket" ] || continue
  if [ "$versioning" = Enabled ]; then v="-enable"; else v="-suspend"; fi
  if has_bucket "$bucket"; then
    out=$(wsh "s3.bucket.versioning -name=$bucket $v") || fail "bucket $bucket: $out"
  else
    log "creating bucket $bucket"
    out=$(wsh "s3.bucket.create -name=$bucket" "s3.bucket.versioning -name=$bucket $v") || fail "bucket $bucket: $out"
  fi
  # Expiry: a lifecycle rule (what S3 clients read back) that the gateway stamps on each new
  # object as a volume TTL (the "fast path"; volume servers then reclaim the data themselves).
  if [ "$days" -gt 0 ]; then
    printf '<LifecycleConfiguration><Rule><ID>expire-current</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Days>%s</Days></Expiration></Rule></LifecycleConfiguration>' "$days" > /tmp/lifecycle.xml
    code=$(s3_admin PUT "/$bucket?lifecycle" /tmp/lifecycle.xml) || code=000
    [ "$code" = 200 ] || fail "bucket $bucket: setting expiry answered HTTP $code: $(cat /tmp/s3-body)"
    out=$(wsh "s3.bucket.lifecycle.fastpath -name=$bucket -enable") || fail "bucket $bucket: $out"
  else
    code=$(s3_admin DELETE "/$bucket?lifecycle") || code=000
    case "$code" in 200|204) ;; *) fail "bucket $bucket: removing expiry answered HTTP $code: $(cat /tmp/s3-body)" ;; esac
    out=$(wsh "s3.bucket.lifecycle.fastpath -name=$bucket -disable") || fail "bucket $bucket: $out"
  fi
  # Some shell commands report a bad flag without failing: read the result back.
  status=$(wsh "s3.bucket.versioning -name=$bucket" | sed -n 's/^Versioning: //p')
  [ "$status" = "$versioning" ] || fail "bucket $bucket: versioning is \"$status\", wanted $versioning ($out)"
  log "bucket $bucket: versioning $versioning, expiry $( [ "$days" -gt 0 ] && echo "${days} days" || echo never)"
done < /provision/buckets.txt

# 4. Buckets that left the config: the ones this step created before and no longer wants.
wanted=$(awk '{print $1}' /provision/buckets.txt)
# No record yet (404) is a first run; any other failure must not be taken for one, or buckets
# removed from the config would be forgotten.
state_code=$(curl -s -o /tmp/lake-buckets -w '%{http_code}' "$STATE") || state_code=000
case "$state_code" in
  200) previous=$(cat /tmp/lake-buckets) ;;
  404) previous="" ;;
  *) fail "could not read the managed buckets at $STATE (HTTP $state_code)" ;;
esac
for bucket in $previous; do
  echo "$wanted" | grep -Fqx "$bucket" && continue
  has_bucket "$bucket" || continue
  if [ "${DATALAB_PROTECT_DATA:-true}" = true ]; then
    log "bucket $bucket is no longer configured; kept, since this environment protects its data"
    wanted="$wanted
$bucket"
    continue
  fi
  # S3 DeleteBucket refuses a bucket that holds objects (or versions): as with MinIO, data is
  # never deleted with a bucket.
  code=$(s3_admin DELETE "/$bucket") || code=000
  case "$code" in
    204|200) log "bucket $bucket removed (it left the config and was empty)" ;;
    409) fail "bucket $bucket left the config but still holds objects; empty it (or put it back in the config), then deploy again" ;;
    *) fail "deleting bucket $bucket answered HTTP $code: $(cat /tmp/s3-body)" ;;
  esac
done
echo "$wanted" | curl -fsS -o /dev/null -X PUT --data-binary @- "$STATE" || fail "could not record the managed buckets at $STATE"

# 5. The gateway reloads identities from the filer within seconds: wait until every key signs in.
while read -r key secret; do
  [ -n "$key" ] || continue
  n=0
  # ListBuckets answers 200, or AccessDenied to an identity without a bare List grant: either
  # way the key is known. An unknown key is InvalidAccessKeyId.
  until code=$(s3_status "$key" "$secret" GET /) && { [ "$code" = 200 ] || grep -q '<Code>AccessDenied</Code>' /tmp/s3-body; }; do
    n=$((n + 1))
    [ "$n" -le 60 ] || fail "identity $key is not accepted by the S3 gateway 60 s after the import ($(cat /tmp/s3-body))"
    sleep 1
  done
done < /provision/keys.txt
log "done: $(grep -c . /provision/keys.txt || true) identities, $(grep -c . /provision/buckets.txt) buckets"
