#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server, for the clustered-scheduler test
# (ClusteredDaemonIT): a fresh cluster in a temporary folder, listening on a free loopback port,
# with a database and a user for the test. The cluster is stopped and deleted when the command
# ends, however it ends. No systemd, no changes to the machine's own PostgreSQL clusters.
#
#   scripts/test-postgres.sh [--install] [--require] [COMMAND ARGS...]
#
# COMMAND defaults to: ./mvnw -B verify. It runs with
#   NEWSLETTER_TEST_POSTGRES_URL       jdbc:postgresql://127.0.0.1:PORT/newsletter?user=newsletter
#   NEWSLETTER_TEST_POSTGRES_PASSWORD  the user's password
#
# --install  install Debian's postgresql package if it is missing (needs root and apt-get)
# --require  fail when PostgreSQL cannot be started; without it the script says SKIP and runs
#            COMMAND without the variables, and the clustered test skips itself with a message.
# PG_BINDIR  the folder with initdb and pg_ctl, when they are not found (pg_config, Debian's
#            /usr/lib/postgresql/*/bin, PATH).
set -euo pipefail

install=false
require=false
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=true; shift ;;
    --require) require=true; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  set -- ./mvnw -B verify
fi

say() { echo "test-postgres: $*" >&2; }

# skip REASON COMMAND...: without PostgreSQL, run the command anyway (or fail with --require)
skip() {
  local why="$1"
  shift
  if $require; then
    say "FAIL: $why"
    exit 2
  fi
  say "SKIP: $why (the clustered scheduler test will be skipped)"
  exec "$@"
}

find_bindir() {
  local dir
  if [ -n "${PG_BINDIR:-}" ]; then
    if [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ]; then echo "$PG_BINDIR"; return 0; fi
    return 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  return 1
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ] && $install; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    skip "PostgreSQL is not installed, and installing it needs root and apt-get" "$@"
  fi
  say "installing PostgreSQL (apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q postgresql >/dev/null || skip "apt-get install postgresql failed" "$@"
  fi
  bindir="$(find_bindir || true)"
fi
if [ -z "$bindir" ]; then
  skip "PostgreSQL is not installed (Debian: apt-get install postgresql, or run with --install as root)" "$@"
fi
if ! command -v psql >/dev/null 2>&1 && [ ! -x "$bindir/psql" ]; then
  skip "psql is missing" "$@"
fi
psql_bin="$bindir/psql"
[ -x "$psql_bin" ] || psql_bin="$(command -v psql)"

# initdb refuses to run as root: run the server as the postgres user then.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    skip "running as root and there is no postgres user to run the server as" "$@"
  fi
  if command -v runuser >/dev/null 2>&1; then
    as_owner=(runuser -u postgres --)
  else
    as_owner=(su postgres -s /bin/sh -c '"$0" "$@"')
  fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/newsletter-pg.XXXXXX")"
chmod 755 "$work"
data="$work/data"
superpass="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$superpass" >"$work/superpass"
if [ ${#as_owner[@]} -gt 0 ]; then
  chown -R postgres "$work"
fi

cleanup() {
  if [ -f "$data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_owner[@]}" "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 --pwfile="$work/superpass" >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; skip "initdb failed" "$@"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=false
for attempt in 1 2 3 4 5 6 7 8; do
  port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  port_free "$port" || continue
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work -c fsync=off -c max_connections=100" \
      start >/dev/null 2>&1; then
    started=true
    break
  fi
done
if ! $started; then
  cat "$work/server.log" >&2 2>/dev/null || true
  skip "the PostgreSQL server did not start" "$@"
fi

PGPASSWORD="$superpass" "$psql_bin" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "CREATE ROLE newsletter LOGIN PASSWORD '$password'" \
  -c "CREATE DATABASE newsletter OWNER newsletter" >/dev/null

export NEWSLETTER_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/newsletter?user=newsletter"
export NEWSLETTER_TEST_POSTGRES_PASSWORD="$password"
say "PostgreSQL $("$bindir/postgres" --version | sed -E 's/^[^0-9]*([0-9.]+).*/\1/') on 127.0.0.1:$port (data in $work, deleted afterwards)"

set +e
"$@"
status=$?
set -e
exit $status
