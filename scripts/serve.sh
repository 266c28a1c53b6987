#!/usr/bin/env bash
# Serve Good Catch with granian (WSGI), the application server of `make run` and of production.
# Granian was chosen over gunicorn by measurement (docs/adr/0006). No access log is written:
# an access log would record the address of every anonymous reporter (docs/adr/0003).
#
#   HOST=127.0.0.1 PORT=8000 [GOODCATCH_WEB_WORKERS=N] scripts/serve.sh
#
# Run `manage.py collectstatic` and `manage.py migrate` first; settings come from the environment
# (README: Configuration). SIGTERM or SIGINT stop it gracefully.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Flood limits and lockouts count in the cache: only a shared cache holds them across worker processes
# and restarts: Redis (CACHE_URL=redis://..., every machine) or a SQLite file (CACHE_URL=sqlite:///ratelimit.sqlite3,
# this machine's processes: core.sharedcache). Without one, a single worker process serves, and we say so.
# (Django's database cache was measured and not chosen: README, Configuration.)
case ${CACHE_URL:-} in
    redis://*|rediss://*|sqlite:///*) WORKERS=${GOODCATCH_WEB_WORKERS:-$(nproc 2>/dev/null || echo 2)} ;;
    *)
        WORKERS=${GOODCATCH_WEB_WORKERS:-1}
        if [ "$WORKERS" -gt 1 ]; then
            warn "GOODCATCH_WEB_WORKERS=$WORKERS without a shared CACHE_URL (redis:// or sqlite:///): each of the $WORKERS processes counts flood limits and lockouts on its own, so they let through up to $WORKERS times as much"
        else
            note=warn
            case ${GOODCATCH_DEMO:-} in 1|true|yes|on) note=say ;; esac
            "$note" "no shared CACHE_URL (redis:// or sqlite:///): flood limits and lockouts count in this one process and start afresh when it restarts (production sets CACHE_URL=redis://...)"
        fi
        ;;
esac
# Threads that run the application in each worker. Granian's own default for WSGI is hundreds; the work is
# mostly Python, so they only queue on the interpreter lock, and the slowest wait longest. Four gave the
# report form more requests a second and about half the p99 of the default (figures in the README,
# Configuration; bench/submission_load.py --web-threads), and leave room for requests that wait on the database.
export GRANIAN_BLOCKING_THREADS=${GRANIAN_BLOCKING_THREADS:-4}
say "granian on http://$HOST:$PORT with $WORKERS worker process(es) of $GRANIAN_BLOCKING_THREADS threads"
exec "$VENV/bin/granian" --interface wsgi --host "$HOST" --port "$PORT" --workers "$WORKERS" \
    --no-access-log --log-level "${GOODCATCH_WEB_LOG_LEVEL:-warning}" --workers-kill-timeout 30 --respawn-failed-workers \
    goodcatch.wsgi:application
