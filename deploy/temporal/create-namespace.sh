#!/bin/sh
# Waits for the server, creates the namespace and registers the search attributes every pair carries
# (the same list as workflows/search-attributes.ts; a test keeps the two in step).
set -eu
attempts=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  attempts=$((attempts + 1))
  [ "$attempts" -ge 60 ] && { echo "Temporal did not become healthy" >&2; exit 1; }
  sleep 2
done
temporal operator namespace describe -n "$NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 ||
  temporal operator namespace create -n "$NAMESPACE" --address "$TEMPORAL_ADDRESS"
for name in BridgeIntegrationId AlertGroupId IncidentSysId IncidentNumber OnCallState ServiceNowState PairOrigin PairError; do
  temporal operator search-attribute create --namespace "$NAMESPACE" --address "$TEMPORAL_ADDRESS" \
    --name "$name" --type Keyword --yes >/dev/null 2>&1 || true
done
echo "namespace $NAMESPACE ready"
