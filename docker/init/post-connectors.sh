#!/bin/sh
# Creates or updates each connector of $CONFIG_DIR (default /connector-configs) once Connect's REST API answers.
# PUT /connectors/<name>/config is idempotent, so re-running the stack never duplicates a connector.
set -eu
url="${CONNECT_URL:-http://connect:8083}"
until curl -fs "$url/connector-plugins" >/dev/null; do
  echo "waiting for Connect at $url"; sleep 3
done
for f in "${CONFIG_DIR:-/connector-configs}"/*.json; do
  name=$(sed -n 's/.*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | head -1)
  # The body of PUT .../config is the "config" object of the file.
  body=$(tr -d '\n' < "$f" | sed 's/^.*"config"[[:space:]]*:[[:space:]]*\({.*}\)[[:space:]]*}[[:space:]]*$/\1/')
  code=$(curl -s -o /tmp/resp -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data "$body" "$url/connectors/$name/config")
  echo "$name: HTTP $code"; [ "$code" -lt 300 ] || { cat /tmp/resp; failed=1; }
done
exit "${failed:-0}"
