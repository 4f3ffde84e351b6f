#!/bin/sh
# Creates the Temporal and visibility databases and migrates both to the schema of this server version;
# the namespace and the bridge's search attributes are added by create-namespace.sh once the server is up.
# Every step is safe to repeat (a second run finds the databases and schemas current and changes nothing),
# and none hides its error: the database gets time to accept connections, then any failure exits non-zero
# so the server, which depends on this job, never starts on a half-made schema.
#
# Environment: SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself),
# SCHEMA_DIR (default: the admin-tools image's), TEMPORAL_SQL_TOOL (default "temporal-sql-tool"),
# ATTEMPTS and RETRY_DELAY_SECONDS (how long to wait for the database; default 60 x 2 s).
set -eu
: "${SQL_PLUGIN:?}" "${SQL_HOST:?}" "${SQL_PORT:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
export SQL_PLUGIN SQL_HOST SQL_PORT SQL_USER SQL_PASSWORD
SCHEMA_DIR=${SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}
TEMPORAL_SQL_TOOL=${TEMPORAL_SQL_TOOL:-temporal-sql-tool}
ATTEMPTS=${ATTEMPTS:-60}
RETRY_DELAY_SECONDS=${RETRY_DELAY_SECONDS:-2}

log() { echo "setup-schema: $*" >&2; }

for db in temporal temporal_visibility; do
  versioned=$SCHEMA_DIR/temporal/versioned
  [ "$db" = temporal_visibility ] && versioned=$SCHEMA_DIR/visibility/versioned
  [ -d "$versioned" ] || { log "no schema directory $versioned"; exit 1; }

  # `create` succeeds when the database exists already; until the server accepts connections it fails.
  attempt=1
  until output=$("$TEMPORAL_SQL_TOOL" --db "$db" create 2>&1); do
    if [ "$attempt" -ge "$ATTEMPTS" ]; then
      log "could not create database $db on $SQL_HOST:$SQL_PORT after $attempt attempts"
      printf '%s\n' "$output" >&2
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep "$RETRY_DELAY_SECONDS"
  done
  # Version tables at 0.0 on a new database (a migrated one keeps its version), then every migration.
  "$TEMPORAL_SQL_TOOL" --db "$db" setup-schema -v 0.0 || { log "setup-schema of $db failed"; exit 1; }
  "$TEMPORAL_SQL_TOOL" --db "$db" update-schema -d "$versioned" || { log "update-schema of $db failed"; exit 1; }
done
echo "schemas of temporal and temporal_visibility are current"
