#!/bin/sh
# Starts coturn with turnserver.conf (next to this script) plus what differs per deployment, read from
# the environment, so that the secret never sits in a file of the repository or on a command line:
#   TURN_SECRET_FILE        file holding switchboard.api.turn.secret (default /run/secrets/switchboard/switchboard.api.turn.secret)
#   TURN_REALM              realm (default switchboard)
#   TURN_EXTERNAL_IP        public address announced in relayed candidates, when behind 1:1 NAT (default unset)
#   TURN_ALLOWED_PEER_IPS   space-separated addresses or ranges a-b of the medianodes (default unset):
#                           the one private range clients must reach through the relay
# Further arguments go to turnserver (e.g. --listening-ip, --min-port/--max-port).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
secret_file="${TURN_SECRET_FILE:-/run/secrets/switchboard/switchboard.api.turn.secret}"
if [ ! -r "$secret_file" ]; then
  echo "run-coturn: cannot read the TURN secret file $secret_file (set TURN_SECRET_FILE)" >&2
  exit 2
fi
secret="$(tr -d '\r\n' < "$secret_file")"
if [ "${#secret}" -lt 32 ]; then
  echo "run-coturn: the TURN secret must be at least 32 characters" >&2
  exit 2
fi
umask 077
conf_dir="$(mktemp -d "${TMPDIR:-/tmp}/coturn.XXXXXX")"
conf="$conf_dir/turnserver.conf"
{
  cat "$here/turnserver.conf"
  echo "static-auth-secret=$secret"
  echo "realm=${TURN_REALM:-switchboard}"
  if [ -n "${TURN_EXTERNAL_IP:-}" ]; then
    echo "external-ip=$TURN_EXTERNAL_IP"
  fi
  for peer in ${TURN_ALLOWED_PEER_IPS:-}; do
    echo "allowed-peer-ip=$peer"
  done
} > "$conf"
exec turnserver -c "$conf" --pidfile "$conf_dir/turnserver.pid" "$@"
