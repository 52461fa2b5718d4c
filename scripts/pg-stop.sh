#!/usr/bin/env bash
# Stop the private cluster started by pg-start.sh.
set -u
dir=${1:-/tmp/ceasefire-pg}
bin=/usr/lib/postgresql/15/bin
[ -d "$dir/data" ] || exit 0
if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$bin/pg_ctl -D '$dir/data' -m fast stop" >/dev/null 2>&1
else "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1; fi
exit 0
