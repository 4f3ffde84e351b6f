#!/bin/sh
# Makes a Temporal cluster usable by the bridge: waits for the frontend, creates the namespace and registers
# every search attribute the pairs carry (the list of workflows/search-attributes.ts; a test runs this
# script against a real server and checks the two agree). Each step is retried until the server shows its
# result, because right after `namespace create` the namespace can still be unknown to the next call. The
# end state is checked once more, and anything missing exits non-zero: a cluster that lacks a search
# attribute rejects every pair the bridge starts.
#
# Environment: TEMPORAL_ADDRESS (host:port), NAMESPACE (default "default"), TEMPORAL_CLI (default
# "temporal"), ATTEMPTS and RETRY_DELAY_SECONDS (how long to keep trying each step; default 60 x 2 s).
set -eu
: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS to the frontend host:port}"
NAMESPACE=${NAMESPACE:-default}
TEMPORAL_CLI=${TEMPORAL_CLI:-temporal}
ATTEMPTS=${ATTEMPTS:-60}
RETRY_DELAY_SECONDS=${RETRY_DELAY_SECONDS:-2}
SEARCH_ATTRIBUTES='BridgeIntegrationId AlertGroupId IncidentSysId IncidentNumber OnCallState ServiceNowState PairOrigin PairError'

log() { echo "create-namespace: $*" >&2; }
cli() { "$TEMPORAL_CLI" "$@" --address "$TEMPORAL_ADDRESS"; }

# retry DESCRIPTION COMMAND...: runs COMMAND until it succeeds; the last failure's output is shown on giving up.
retry() {
  what=$1
  shift
  attempt=1
  until output=$("$@" 2>&1); do
    if [ "$attempt" -ge "$ATTEMPTS" ]; then
      log "gave up after $attempt attempts: $what"
      [ -n "$output" ] && printf '%s\n' "$output" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$RETRY_DELAY_SECONDS"
  done
}

healthy() { cli operator cluster health | grep -q SERVING; }
namespace_exists() { cli operator namespace describe --namespace "$NAMESPACE" >/dev/null; }
ensure_namespace() { namespace_exists || { cli operator namespace create --namespace "$NAMESPACE" && namespace_exists; }; }

# The JSON listing names each custom attribute with its type; only a Keyword of that name will do.
has_keyword() {
  cli operator search-attribute list --namespace "$NAMESPACE" --output json |
    grep -q "\"$1\": *\"INDEXED_VALUE_TYPE_KEYWORD\""
}
# One `--name` per call: one --type with several --name registered only the first name on some servers.
ensure_keyword() {
  has_keyword "$1" || {
    cli operator search-attribute create --namespace "$NAMESPACE" --name "$1" --type Keyword && has_keyword "$1"
  }
}

retry "Temporal at $TEMPORAL_ADDRESS did not answer its health check" healthy
retry "namespace $NAMESPACE could not be created" ensure_namespace
for name in $SEARCH_ATTRIBUTES; do
  retry "search attribute $name (Keyword) could not be registered in namespace $NAMESPACE" ensure_keyword "$name"
done

missing=''
namespace_exists >/dev/null 2>&1 || missing="namespace $NAMESPACE"
for name in $SEARCH_ATTRIBUTES; do
  has_keyword "$name" 2>/dev/null || missing="$missing $name"
done
if [ -n "$missing" ]; then
  log "still missing after registration:$missing"
  exit 1
fi
echo "namespace $NAMESPACE ready with search attributes: $SEARCH_ATTRIBUTES"
