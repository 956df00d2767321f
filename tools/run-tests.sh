#!/usr/bin/env bash
# The test command of the README: installs into .venv if needed, then runs
# the unit and functional suites under both concurrency backends (database
# tests on SQLite, MariaDB and PostgreSQL when those servers answer), and the
# multi-process suite (real services on RabbitMQ, MariaDB/PostgreSQL and
# Keystone; skip it with NOVA_SKIP_MULTIPROCESS=1).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
venv=$("$top/tools/ensure-venv.sh" | tail -n 1) || exit 1
export PATH="$venv/bin:$PATH"
export PYTHONWARNINGS="ignore::DeprecationWarning"
export NOVA_TEST_MYSQL_URL="${NOVA_TEST_MYSQL_URL-mysql+pymysql://root@127.0.0.1/}"
export NOVA_TEST_POSTGRESQL_URL="${NOVA_TEST_POSTGRESQL_URL-postgresql+psycopg2://postgres@127.0.0.1/postgres}"
export NOVA_TEST_RABBIT_URL="${NOVA_TEST_RABBIT_URL-rabbit://guest:guest@127.0.0.1:5672/}"

passed=0; failed=0; skipped=0; status=0
# The fault-matrix tests record their cells here; the table ends the run.
export NOVA_FAULT_MATRIX="${NOVA_FAULT_MATRIX:-$(mktemp)}"
: > "$NOVA_FAULT_MATRIX"
run_suite() {  # name backend test-path [stestr args...]
    local name=$1 backend=$2 path=$3; shift 3
    echo "=== $name ($backend) ==="
    local out
    out=$(mktemp)
    NOVA_CONCURRENCY_BACKEND=$backend stestr --test-path="$path" run "$@" \
        2>&1 | tee "$out" | grep -vE '^\{[0-9]+\} .* ok$' 
    local rc=${PIPESTATUS[0]}
    [ "$rc" -ne 0 ] && status=1
    local p f s
    p=$(sed -n 's/^ - Passed: \([0-9]*\).*/\1/p' "$out" | tail -n1)
    f=$(sed -n 's/^ - Failed: \([0-9]*\).*/\1/p' "$out" | tail -n1)
    s=$(sed -n 's/^ - Skipped: \([0-9]*\).*/\1/p' "$out" | tail -n1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0}))
    if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
    rm -f "$out"
}

run_suite unit eventlet ./nova/tests/unit
run_suite unit threading ./nova/tests/unit
if [ -d nova/tests/functional ] && ls nova/tests/functional/test_*.py >/dev/null 2>&1; then
    run_suite functional eventlet ./nova/tests/functional
    run_suite functional threading ./nova/tests/functional
fi
# Under CI nothing else uses the machine's RabbitMQ and MariaDB, so the
# fault matrix may restart them.
if [ "${CI:-}" = true ]; then
    export NOVA_TEST_RESTART_SERVICES="${NOVA_TEST_RESTART_SERVICES-1}"
fi
if [ "${NOVA_SKIP_MULTIPROCESS:-0}" != 1 ]; then
    NOVA_TEST_MULTIPROCESS=1 run_suite multiprocess eventlet \
        ./nova/tests/multiprocess --concurrency 1
fi
echo
python -m nova.tests.fault_matrix "$NOVA_FAULT_MATRIX"
echo
echo "Totals over all suites:"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
