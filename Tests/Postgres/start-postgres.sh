#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the test suites, or stops it.
#
#   Tests/Postgres/start-postgres.sh          start (initdb on first use); prints the URL to use as
#                                             REEL_TEST_POSTGRES_URL on stdout, nothing else
#   Tests/Postgres/start-postgres.sh stop     stop the cluster and delete its data
#
# The cluster lives in .build-pg/postgres under the checkout, listens on 127.0.0.1 only, on
# REEL_TEST_POSTGRES_PORT (default 54329), with trust authentication for the user `reel` (loopback
# only, throw-away data). It has one database per region (reel_us, reel_eu, reel_global) and one
# for the public index (reel_public); the URL printed names the server, and tests add the database
# and work in a fresh schema each. PostgreSQL refuses to run as root, so as root the server runs
# as the `postgres` system user (created by Debian's package).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
base="$root/.build-pg/postgres"
data="$base/data"
port="${REEL_TEST_POSTGRES_PORT:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found: run scripts/install-deps.sh postgresql" >&2; exit 1; }

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-start}" = "stop" ]; then
  if [ -f "$data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$base"
  exit 0
fi

mkdir -p "$base"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base"; fi
if [ ! -f "$data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$data" -U reel --auth=trust -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
    || { cat "$base/initdb.log" >&2; exit 1; }
fi
if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  # Durability is not under test here: fsync off makes the many small test transactions cheap.
  as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $base -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" start >/dev/null \
    || { cat "$base/server.log" >&2; exit 1; }
fi
# A cluster left running from an earlier start keeps its own port.
port="$(sed -n 4p "$data/postmaster.pid")"
for database in reel_us reel_eu reel_global reel_public; do
  exists="$(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U reel -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
  [ "$exists" = "1" ] || as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U reel -d postgres -qc "CREATE DATABASE $database" >/dev/null
done
echo "postgres://reel@127.0.0.1:$port"
