#!/usr/bin/env bash
# Builds the Temporal server the cluster test tier runs (the same release as the compose file's images)
# from the Go module proxy, with the SQL schema tool and the PostgreSQL schema files beside it, into a
# cache that outlives the checkout:
#   $BRIDGE_CLUSTER_CACHE/temporal-server-$VERSION/{server,sql,schema/postgresql/v12}
# A complete cache entry is reused as it is; otherwise the build goes to a temporary directory that is
# renamed into place only when everything is there, so an interrupted build never looks finished.
#
# Cold, this compiles a few thousand Go packages: the README gives the cost. CGO off (the images build
# it so too; the SQL drivers are pure Go) and no debug tables keep it shorter; no -race.
#
# Environment: BRIDGE_CLUSTER_CACHE (default ~/.cache/bridge-cluster), GO (default "go").
set -euo pipefail
VERSION=1.30.1
MODULE=go.temporal.io/server
CACHE_ROOT=${BRIDGE_CLUSTER_CACHE:-$HOME/.cache/bridge-cluster}
TARGET=$CACHE_ROOT/temporal-server-$VERSION
GO=${GO:-go}

log() { echo "build-temporal-server: $*" >&2; }

complete() { [ -x "$1/server" ] && [ -x "$1/sql" ] && [ -d "$1/schema/postgresql/v12/temporal/versioned" ]; }

if complete "$TARGET"; then
  echo "$TARGET"
  exit 0
fi
command -v "$GO" >/dev/null || {
  log "no Go toolchain ($GO): install Go 1.25.7 or later, or put a complete build at $TARGET"
  exit 1
}

mkdir -p "$CACHE_ROOT"
work=$(mktemp -d "$CACHE_ROOT/.build-XXXXXX")
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
# A previous run may have left the binaries but not the schema (or the other way round): keep what is there.
[ -x "$TARGET/server" ] && cp "$TARGET/server" "$work/server"
[ -x "$TARGET/sql" ] && cp "$TARGET/sql" "$work/sql"

export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -trimpath -buildvcs=false"
build() {
  local started=$SECONDS
  log "go install $1@v$VERSION (as $2)"
  GOBIN=$work/gobin "$GO" install -ldflags='-s -w' "$1@v$VERSION"
  mv "$work/gobin/$(basename "$1")" "$work/$2"
  log "built $2 in $((SECONDS - started)) s"
}
[ -x "$work/server" ] || build "$MODULE/cmd/server" server
[ -x "$work/sql" ] || build "$MODULE/cmd/tools/sql" sql

# The schema files are in the module itself (the admin-tools image copies them to /etc/temporal/schema).
module_dir=$("$GO" mod download -json "$MODULE@v$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
[ -d "$module_dir/schema/postgresql/v12" ] || {
  log "no schema in $module_dir"
  exit 1
}
mkdir -p "$work/schema/postgresql"
cp -R "$module_dir/schema/postgresql/v12" "$work/schema/postgresql/v12"
chmod -R u+w "$work/schema"
rm -rf "$work/gobin"

complete "$work" || {
  log "incomplete build in $work"
  exit 1
}
rm -rf "$TARGET"
mv "$work" "$TARGET"
trap - EXIT
echo "$TARGET"
