#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a loopback port, for the tests, the benchmark and trying out several instances
# (Debian's postgresql package; run as root, the server runs as the postgres user, which it requires — through
# setpriv, which execs rather than waiting on a child, so callers with blocked signals do not hang):
#   Tools/postgres-cluster.sh start DIR     initdb in DIR (new or empty), start it, print its URL
#                                           (postgres://jwstool@127.0.0.1:PORT/postgres, trust authentication)
#   Tools/postgres-cluster.sh stop DIR      stop it (DIR can then be removed)
# Durability is traded for speed (fsync off): never point a real server at it.
set -euo pipefail
action="${1:-}"
dir="${2:-}"
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: Tools/postgres-cluster.sh start|stop DIR" >&2
    exit 2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "postgres-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 3
fi
as_server=()
if [ "$(id -u)" = 0 ]; then as_server=(setpriv --reuid=postgres --regid=postgres --clear-groups); fi

case "$action" in
start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
        if ! "${as_server[@]}" test -w "$dir"; then
            echo "postgres-cluster: the postgres user cannot reach $dir (a parent directory is closed to it); use a directory directly under /tmp" >&2
            exit 1
        fi
    fi
    "${as_server[@]}" "$bin/initdb" -D "$dir/data" -A trust -U jwstool --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # Every stream redirected: the server outlives this script and must hold none of its caller's pipes open.
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=1000" start \
        </dev/null >"$dir/pg_ctl.log" 2>&1 \
        || { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
    echo "postgres://jwstool@127.0.0.1:$port/postgres"
    ;;
stop)
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop </dev/null >/dev/null 2>&1
    ;;
*)
    echo "usage: Tools/postgres-cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
