#!/usr/bin/env bash
# Run a command with a PostgreSQL server to talk to, its address exported as both
# TEST_DATABASE_URL and DATABASE_URL.
#
#   scripts/with-postgres.sh COMMAND [ARG...]
#
# The server is TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test) when
# something answers there. When nothing does (or GOODCATCH_FORCE_THROWAWAY_PG=1), a
# throwaway cluster is made for the command: Debian's postgresql package is installed when
# there is no initdb, a cluster is initialised in a temporary folder (as the `postgres` or
# `nobody` user when we are root, since PostgreSQL refuses to run as root), started on a
# free port of 127.0.0.1 with its socket in that folder and durability turned off (it is
# thrown away), and stopped and removed when the command ends, however it ends.
# The command's exit code is this script's exit code.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || die "usage: $0 COMMAND [ARG...]"

url=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}

# postgresql://[user[:password]@]host[:port]/dbname[?query]
rest=${url#*://}

case $rest in *@*) rest=${rest#*@} ;; esac
hostport=${rest%%/*}
db=${rest#"$hostport"}; db=${db#/}; db=${db%%\?*}; db=${db:-test}
host=${hostport%:*}
port=5432
case $hostport in *:*) port=${hostport##*:} ;; esac

answers() {  # answers HOST PORT: is a PostgreSQL server accepting connections there?
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$1" -p "$2" -t 3
    else
        (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
    fi
}

if [ "${GOODCATCH_FORCE_THROWAWAY_PG:-0}" != 1 ] && answers "$host" "$port"; then
    say "PostgreSQL answers at $host:$port: using $url"
    export TEST_DATABASE_URL=$url DATABASE_URL=$url
    "$@"
    exit $?
fi

if [ "${GOODCATCH_FORCE_THROWAWAY_PG:-0}" = 1 ]; then
    say "GOODCATCH_FORCE_THROWAWAY_PG=1: starting a throwaway PostgreSQL cluster"
else
    say "no PostgreSQL answers at $host:$port: starting a throwaway cluster"
fi

find_bindir() { find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n1 | xargs -r dirname; }
bindir=$(find_bindir)
if [ -z "$bindir" ]; then
    hold_lock /usr/lib/postgresql
    bindir=$(find_bindir)
    if [ -z "$bindir" ]; then
        apt_install postgresql
        bindir=$(find_bindir)
    fi
    [ -n "$bindir" ] || die "installed postgresql but found no initdb under /usr/lib/postgresql/*/bin"
    release_lock
fi

# PostgreSQL will not run as root: run the server as an unprivileged user.
os_user=$(id -un)
if is_root; then
    if id postgres >/dev/null 2>&1; then os_user=postgres; else os_user=nobody; fi
fi
as_pg() {
    if [ "$os_user" = "$(id -un)" ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u "$os_user" -- "$@"
    else
        su -s /bin/sh "$os_user" -c "$(printf '%q ' "$@")"
    fi
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local p
    for p in $(seq 54320 54420); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    die "no free port in 54320-54420"
}

# /tmp (not $TMPDIR, which may sit under a folder the server's user cannot enter); no spaces.
tmp=$(mktemp -d "${GOODCATCH_PG_TMP:-/tmp}/goodcatch-pg.XXXXXX")
started=0
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    local rc=$?
    if [ "$started" = 1 ]; then
        as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 \
            || warn "pg_ctl stop failed (see $tmp/server.log)"
    fi
    rm -rf "$tmp"
    say "throwaway PostgreSQL stopped; removed $tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chown "$os_user" "$tmp" 2>/dev/null || true
chmod 700 "$tmp"
pg_port=$(free_port)

if ! as_pg "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    die "initdb failed"
fi
started=1
if ! as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
        -o "-p $pg_port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
    cat "$tmp/server.log" >&2 || true
    die "the throwaway PostgreSQL did not start"
fi
if [ "$db" != postgres ]; then
    "$bindir/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$db"
fi

url=postgresql://postgres@127.0.0.1:$pg_port/$db
say "throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') in $tmp (as $os_user): $url"
export TEST_DATABASE_URL=$url DATABASE_URL=$url
set +e
"$@"
rc=$?
set -e
exit "$rc"
