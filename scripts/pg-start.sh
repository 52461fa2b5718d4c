#!/usr/bin/env bash
# Start a private PostgreSQL 15 + PostGIS cluster on a free loopback port, for tests.
# Prints the database URL on stdout (export it as CEASEFIRE_TEST_POSTGRES_URL).
# Needs root (initdb runs as the postgres user) and the Debian package postgresql-15-postgis-3.
# Usage: eval "$(scripts/pg-start.sh /tmp/ceasefire-pg)"; ...; scripts/pg-stop.sh /tmp/ceasefire-pg
set -euo pipefail
dir=${1:-/tmp/ceasefire-pg}
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "pg-start: PostgreSQL 15 is not installed (apt-get install postgresql-15-postgis-3)" >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
runas() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
runas "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
runas "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir' -c fsync=off -c full_page_writes=off -c max_connections=100\" start" >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
psql -h 127.0.0.1 -p "$port" -U postgres -qAt -c "CREATE DATABASE ceasefire_test" >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -d ceasefire_test -qAt -c "CREATE EXTENSION postgis" >/dev/null
echo "export CEASEFIRE_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/ceasefire_test"
