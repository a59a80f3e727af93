#!/usr/bin/env bash
# A reference ML pipeline talking to Almanac: plan a release, report data ready, report training
# finished with its metrics, then wait while people approve until the release is deployed.
#
#   ALMANAC_URL=http://localhost:8080 ALMANAC_TOKEN=alm_... examples/pipeline.sh fraud-scorer 2026.12
#
# Every event carries an eventId derived from the run, so running this again (or a retry after a
# network error) never counts an event twice.
set -euo pipefail

MODEL=${1:?usage: pipeline.sh MODEL VERSION}
VERSION=${2:?usage: pipeline.sh MODEL VERSION}
URL=${ALMANAC_URL:-http://localhost:8080}
TOKEN=${ALMANAC_TOKEN:?set ALMANAC_TOKEN to a token from /admin/tokens}
OWNER_TEAM=${OWNER_TEAM:-ml-engineers}
RUN_ID=${RUN_ID:-$MODEL-$VERSION}
WAIT_SECONDS=${WAIT_SECONDS:-600}
KEY="$MODEL-$VERSION"

api() { # METHOD PATH [JSON] -> body on stdout; fails on HTTP errors with Almanac's problem detail
  local method=$1 path=$2 body=${3:-} out status
  out=$(mktemp)
  if [[ -n "$body" ]]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --retry 3 --retry-all-errors -d "$body" "$URL$path")
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" --retry 3 "$URL$path")
  fi
  if [[ "$status" -ge 400 ]]; then
    echo "pipeline: $method $path answered $status: $(cat "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

wait_for() { # PATTERN DESCRIPTION: poll the release state until it matches
  local pattern=$1 what=$2 deadline=$((SECONDS + WAIT_SECONDS))
  until api GET "/api/v1/releases/$KEY" | grep -q "$pattern"; do
    if (( SECONDS > deadline )); then
      echo "pipeline: gave up waiting for $what after ${WAIT_SECONDS}s" >&2
      return 1
    fi
    sleep 2
  done
}

if ! api GET "/api/v1/releases/$KEY" >/dev/null 2>&1; then
  target=$(date -u -d '+14 days' +%F)
  api POST /api/v1/releases "{\"model\":\"$MODEL\",\"version\":\"$VERSION\",\"lane\":\"staging\",\"riskTier\":\"low\",\"ownerTeam\":\"$OWNER_TEAM\",\"targetDate\":\"$target\",\"dataFeeds\":\"\"}" >/dev/null
  echo "planned $KEY"
fi

wait_for '"awaitedEvents":\[[^]]*"data-ready"' "the release to wait for data"
api POST "/api/v1/releases/$KEY/events" "{\"type\":\"data-ready\",\"eventId\":\"$RUN_ID-data-ready\",\"variables\":{\"rows\":1250000}}" >/dev/null
echo "sent data-ready"

wait_for '"awaitedEvents":\[[^]]*"training-finished"' "the training to be triggered"
# ... here a real pipeline trains the model ...
api POST "/api/v1/releases/$KEY/events" "{\"type\":\"training-finished\",\"eventId\":\"$RUN_ID-training-finished\",\"variables\":{\"accuracy\":0.947,\"latencyP95Ms\":112,\"modelUri\":\"models:/$MODEL/1\"}}" >/dev/null
echo "sent training-finished"

echo "waiting for risk review, deploy approval and the deploy"
wait_for '"outcome":"deployed"' "the deploy"
echo "deployed $KEY"
