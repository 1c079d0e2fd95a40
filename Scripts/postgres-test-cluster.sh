#!/usr/bin/env bash
# A private PostgreSQL cluster for the record-store tests: initdb into a fresh directory, owned by
# the `postgres` user, listening on loopback only, on a private port and socket directory.
#
#   Scripts/postgres-test-cluster.sh start DIR PORT   # prints the address to put in CASESIM_TEST_POSTGRES
#   Scripts/postgres-test-cluster.sh stop DIR
#
# Authentication is `trust`: the cluster lives only as long as the test run, holds only test
# records, and is reachable only from this machine (127.0.0.1 and a socket in DIR, mode 0700).
set -euo pipefail

bin_dir() {
  local pg_ctl
  pg_ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$pg_ctl" ]; then
    echo "postgres-test-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 69
  fi
  dirname "$pg_ctl"
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

command=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 64; }
bin=$(bin_dir)

case "$command" in
  start)
    port=${3:?usage: $0 start DIR PORT}
    mkdir -p "$dir"
    chown postgres: "$dir" 2>/dev/null || true
    chmod 0700 "$dir"
    as_postgres "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@localhost:$port/postgres?host=$dir"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_postgres "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 64
    ;;
esac
