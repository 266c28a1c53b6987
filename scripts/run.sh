#!/usr/bin/env bash
# `make run`: the demo service on http://$HOST:$PORT (default 127.0.0.1:8000), with its task
# workers, on the SQLite database under var/ (kept between runs; DATABASE_URL overrides).
# Installs only what changed since the last run, so a second run starts in seconds.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export HOST PORT  # scripts/serve.sh listens there
cd "$ROOT" || exit
t0=$(now)

"$ROOT/scripts/ensure-venv.sh" requirements.lock
"$ROOT/scripts/ensure-npm.sh"
"$ROOT/scripts/ensure-pdf-libs.sh"

export GOODCATCH_DEMO=true GOODCATCH_TASKS_BACKEND=database
# Flood limits and lockouts count in a SQLite file under var/ that every web process shares, so they hold
# across restarts and scripts/serve.sh can run one worker process per core: on two cores that doubled the
# report form's requests a second and kept its p99 within 250 ms at 16 clients (bench/README.md).
export CACHE_URL=${CACHE_URL:-sqlite:///ratelimit.sqlite3}
# Demo mode only: sign in with a password alone. `GOODCATCH_REQUIRE_2FA=true make run` shows the
# TOTP enrolment that reviewers, custodians and admins go through everywhere else.
export GOODCATCH_REQUIRE_2FA=${GOODCATCH_REQUIRE_2FA:-false}
export GOODCATCH_PUBLIC_URL=${GOODCATCH_PUBLIC_URL:-http://$HOST:$PORT}
export PYTHONUNBUFFERED=1
py=$VENV/bin/python

say "compile translations"
"$py" scripts/compile_messages.py
say "collectstatic"
"$py" manage.py collectstatic --noinput -v0
say "migrate"
"$py" manage.py migrate --noinput -v1
if "$py" manage.py help --commands | grep -qx load_demo; then
    say "load_demo"
    "$py" manage.py load_demo
else
    warn "there is no load_demo command yet: starting without demo data"
fi

# Every process runs in the background so that a signal to this script (Ctrl-C, or a TERM
# from whoever started it) is handled at once: the trap stops them all, the workers gently.
server='' worker='' deid_worker='' scheduler=''
# shellcheck disable=SC2317  # called by the traps
stop() {
    local pid name
    for name in server scheduler worker deid_worker; do
        pid=${!name}
        [ -n "$pid" ] || continue
        if kill -0 "$pid" 2>/dev/null; then
            say "stopping the $name (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            # Let the worker finish the task in hand, but not for ever.
            for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two workers that heartbeat (core.workers): one kept for de-identification, so that new reports never
# wait behind other work, and one for everything else (retention).
say "starting the task workers: manage.py run_worker --queue-name deidentification, and --queue-name default"
"$py" manage.py run_worker --queue-name deidentification &
deid_worker=$!
"$py" manage.py run_worker --queue-name default &
worker=$!
# Enqueues the periodic tasks (retention, de-identification retries) for the workers, and requeues
# the tasks of a worker that died.
say "starting the periodic scheduler: manage.py run_periodic"
"$py" manage.py run_periodic &
scheduler=$!

# The same application server as production (scripts/serve.sh: granian, WSGI, no access log);
# WhiteNoise serves the collected, content-hashed static files.
"$ROOT/scripts/serve.sh" &
server=$!
for _ in $(seq 1 100); do
    "$py" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" "http://$HOST:$PORT/healthz" \
        >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
done
say "serving after $(( $(now) - t0 )) s: http://$HOST:$PORT/ (Ctrl-C stops the server and the workers)"

# Whichever stops first, stop the other one too.
set +e
wait -n "$server" "$worker" "$deid_worker" "$scheduler"
rc=$?
set -e
if ! kill -0 "$server" 2>/dev/null; then
    say "the server stopped (exit $rc): stopping the task workers too"
else
    say "a task worker or the scheduler stopped (exit $rc): stopping the server too"
fi
exit "$rc"
