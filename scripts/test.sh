#!/usr/bin/env bash
# `make test`: everything CI checks, in one go.
#   1. .venv from requirements-dev.lock, node_modules from package-lock.json, /usr/bin/chromium,
#      Debian's pango for WeasyPrint (scripts/ensure-pdf-libs.sh)
#   2. ruff check, bandit (findings must be listed with a reason in bandit-ignore.toml), and
#      `manage.py check --deploy` with production settings
#   3. manage.py makemigrations --check --dry-run, and collectstatic
#   4. the whole pytest suite on SQLite, then again on PostgreSQL
#      (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test; a throwaway
#      cluster when nothing answers there: scripts/with-postgres.sh)
# Every check runs even when an earlier one fails; the summary at the end lists failures
# and the exit code is non-zero if any failed (pytest's 5, "no tests collected", included).
#
# Knobs: TEST_DBS="sqlite postgresql" (either or both), PYTEST_ARGS (passed to pytest,
# e.g. PYTEST_ARGS="-x -k deid"), TEST_DATABASE_URL, GOODCATCH_FORCE_THROWAWAY_PG=1,
# TEST_PARALLEL (1: both databases' runs at once, the first one's output as it comes and the other's
# when it ends; 0: one after the other). The default is 1 on a machine with two cores or more: on two
# cores a fresh clone's make test took 2,102 s that way, against 3,153 s one after the other.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit
t0=$(now)
TEST_DBS=${TEST_DBS:-sqlite postgresql}
read -r -a pytest_args <<<"${PYTEST_ARGS:--ra --durations=10}"

"$ROOT/scripts/ensure-venv.sh" requirements-dev.lock
"$ROOT/scripts/ensure-npm.sh"
"$ROOT/scripts/ensure-chromium.sh"
"$ROOT/scripts/ensure-pdf-libs.sh"
py=$VENV/bin/python

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/goodcatch-test.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT

# The settings read these; nothing of a developer's own environment leaks in.
export GOODCATCH_DEMO=true GOODCATCH_TASKS_BACKEND=immediate
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL CACHE_URL DEBUG

failures=()
timings=()
check() {  # check NAME COMMAND...: run it, note its time and whether it failed
    local name=$1 start rc
    shift
    say "$name"
    start=$(now)
    "$@" && rc=0 || rc=$?
    timings+=("$(printf '%-28s %4d s  %s' "$name" "$(( $(now) - start ))" "$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")")")
    [ "$rc" = 0 ] || failures+=("$name (exit $rc)")
}

# One database per run, in its own var/ folder, so runs never share state.
in_env() {  # in_env LABEL COMMAND...
    local label=$1; shift
    mkdir -p "$run_dir/$label"
    GOODCATCH_VAR_DIR=$run_dir/$label/var "$@"
}
sqlite_env() { in_env "$1" env DATABASE_URL="sqlite:///$run_dir/$1/goodcatch.sqlite3" "${@:2}"; }

check "ruff check" "$VENV/bin/ruff" check --output-format=concise .
check "bandit" "$py" scripts/bandit_gate.py
# mypy on the code that handles sealed data, keys, the audit log and anonymity.
check "mypy (sealed data)" "$VENV/bin/mypy" protection/services.py protection/keys.py protection/audit.py \
    protection/breakglass.py protection/rotation.py protection/suppression.py protection/redaction.py protection/days.py \
    protection/learned_terms.py \
    core/anonymity.py core/ratelimit.py core/env.py
# The production settings must pass Django's deployment checks: demo mode off, real secrets.
check "check --deploy" sqlite_env deploy env GOODCATCH_DEMO=false SECRET_KEY="$(head -c 48 /dev/urandom | base64)" \
    GOODCATCH_MASTER_KEY=deploy-check-master-key GOODCATCH_RECEIPT_SALT=deploy-check-salt \
    ALLOWED_HOSTS=goodcatch.example.org "$py" manage.py check --deploy --fail-level WARNING
check "makemigrations --check" sqlite_env migrations "$py" manage.py makemigrations --check --dry-run
# What `make run` serves; also spares the tests whitenoise's "No directory at staticfiles/".
check "compile translations" "$py" scripts/compile_messages.py
check "collectstatic" sqlite_env collectstatic "$py" manage.py collectstatic --noinput -v0

pytest_on() {  # pytest_on DB: the whole suite on one database
    case $1 in
        sqlite)
            # pytest-django makes the SQLite test database in memory; the live server shares it.
            sqlite_env pytest-sqlite env GOODCATCH_TEST_REDIS_DB=15 "$py" -m pytest "${pytest_args[@]}"
            ;;
        postgresql)
            # pytest-django's own per-worker suffix (read from TOX_PARALLEL_ENV) names the test
            # database test_<name>_<suffix>, so two runs on one server do not drop each other's.
            # Its own Redis database too: the RQ test empties the one it uses.
            in_env pytest-pg env TOX_PARALLEL_ENV="gc$$" GOODCATCH_TEST_REDIS_DB=14 \
                "$ROOT/scripts/with-postgres.sh" "$py" -m pytest "${pytest_args[@]}"
            ;;
    esac
}
label() { case $1 in sqlite) echo "pytest (SQLite)" ;; postgresql) echo "pytest (PostgreSQL)" ;; esac; }

dbs=()
for db in $TEST_DBS; do
    case $db in
        sqlite) dbs+=(sqlite) ;;
        postgresql|postgres|pg) dbs+=(postgresql) ;;
        *) die "TEST_DBS: unknown database '$db' (sqlite, postgresql)" ;;
    esac
done

cores=$(nproc 2>/dev/null || echo 1)
if [ "${TEST_PARALLEL:-$([ "$cores" -ge 2 ] && echo 1 || echo 0)}" = 1 ] && [ ${#dbs[@]} -gt 1 ]; then
    # Both runs at once (one per core). The first one's output shows as it comes, so a long run is
    # seen to be alive; the others' is shown when they have finished.
    say "running pytest on ${dbs[*]} at the same time (TEST_PARALLEL=0 runs them one after the other)"
    for db in "${dbs[@]}"; do
        if [ "$db" = "${dbs[0]}" ]; then
            ( start=$(now); rc=0; pytest_on "$db" 2>&1 | tee "$run_dir/$db.log" || rc=${PIPESTATUS[0]}
              echo "$rc $(( $(now) - start ))" >"$run_dir/$db.rc" ) &
        else
            ( start=$(now); pytest_on "$db" >"$run_dir/$db.log" 2>&1 && rc=0 || rc=$?
              echo "$rc $(( $(now) - start ))" >"$run_dir/$db.rc" ) &
        fi
    done
    wait
    for db in "${dbs[@]}"; do
        if [ "$db" != "${dbs[0]}" ]; then
            say "$(label "$db")"
            cat "$run_dir/$db.log"
        fi
        read -r rc secs <"$run_dir/$db.rc"
        timings+=("$(printf '%-28s %4d s  %s' "$(label "$db")" "$secs" "$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")")")
        [ "$rc" = 0 ] || failures+=("$(label "$db") (exit $rc)")
    done
else
    for db in "${dbs[@]}"; do
        check "$(label "$db")" pytest_on "$db"
    done
fi

echo
say "summary ($(( $(now) - t0 )) s in all)"
printf '    %s\n' "${timings[@]}" >&2
if [ ${#failures[@]} -gt 0 ]; then
    printf 'FAILED: %s\n' "${failures[@]}" >&2
    exit 1
fi
say "all checks passed"
