#!/usr/bin/env bash
# Run upstream Tempest's compute API tests against the multi-process cloud,
# as Nova's gate does (``tox -e tempest``).
#
# 1. Tempest (pinned) goes into its own virtualenv, .tempest-venv.
# 2. tools/cloud.py starts Keystone, RabbitMQ/MariaDB-backed nova-api,
#    conductor, scheduler and two computes in a throw-away directory.
# 3. A Tempest workspace is created and tempest.conf is written from the
#    running cloud (tools/tempest_conf.py).
# 4. The groups of tools/tempest-include.txt run with --concurrency
#    (default 2); Tempest's totals, every skip with its reason and every
#    failure are printed.
# 5. The cloud is stopped and purged, also on failure or interrupt
#    (TEMPEST_KEEP_CLOUD=1 keeps it for debugging).
#
# Exit status: 0 when every failure is listed in
# tools/tempest-known-failures.txt (each entry commented with its cause),
# 1 otherwise.  Known failures that pass are reported so the list shrinks.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

TEMPEST_VERSION=${TEMPEST_VERSION:-47.0.0}
tempest_venv=${TEMPEST_VENV:-$top/.tempest-venv}
work=${TEMPEST_WORK_DIR:-$top/.tempest}
concurrency=${TEMPEST_CONCURRENCY:-2}
include_list=${TEMPEST_INCLUDE_LIST:-$top/tools/tempest-include.txt}
known_list=${TEMPEST_KNOWN_FAILURES:-$top/tools/tempest-known-failures.txt}
cloud_dir=$work/cloud
workspace=$work/workspace

venv=$("$top/tools/ensure-venv.sh" | tail -n 1) || exit 1
started=$(date +%s)

ensure_tempest() {
    if [ "$("$tempest_venv/bin/tempest" --version 2>/dev/null | awk '{print $2}')" \
            != "$TEMPEST_VERSION" ]; then
        echo "installing tempest==$TEMPEST_VERSION into $tempest_venv"
        python3 -m venv "$tempest_venv" &&
            "$tempest_venv/bin/pip" install -q "tempest==$TEMPEST_VERSION"
    fi
}

stop_cloud() {
    [ -f "$cloud_dir/cloud.json" ] || return 0
    if [ "${TEMPEST_KEEP_CLOUD:-0}" = 1 ]; then
        echo "cloud kept running: $venv/bin/python tools/cloud.py stop --dir $cloud_dir --purge"
        return 0
    fi
    echo "stopping the cloud"
    "$venv/bin/python" "$top/tools/cloud.py" stop --dir "$cloud_dir" --purge ||
        echo "WARNING: the cloud did not stop cleanly (see $cloud_dir/logs)"
}

on_signal() {
    echo "interrupted"
    exit 130
}

ensure_tempest || { echo "tempest install failed"; exit 1; }
trap stop_cloud EXIT
trap on_signal INT TERM

# A previous run's cloud (killed hard) is purged before a new one starts.
stop_cloud
rm -rf "$work"
mkdir -p "$work"
"$venv/bin/python" "$top/tools/cloud.py" start --dir "$cloud_dir" --computes 2 \
    --name "tempest_$(date +%s)" >"$work/cloud-start.log" 2>&1 || {
    cat "$work/cloud-start.log"; exit 1; }
echo "cloud up in $(( $(date +%s) - started ))s (logs: $cloud_dir/logs)"

# A registry of our own: the user's ~/.tempest/workspace.yaml is left alone
# and a previous run's entry cannot block this one.
"$tempest_venv/bin/tempest" init --name nova-tempest \
    --workspace-path "$work/workspaces.yaml" "$workspace" \
    >"$work/tempest-init.log" 2>&1 || { cat "$work/tempest-init.log"; exit 1; }
"$venv/bin/python" "$top/tools/tempest_conf.py" --cloud-dir "$cloud_dir" \
    --output "$workspace/etc/tempest.conf" --workspace "$workspace" || exit 1

cd "$workspace"
run_started=$(date +%s)
"$tempest_venv/bin/tempest" run --concurrency "$concurrency" \
    --include-list "$include_list" >"$work/tempest-run.log" 2>&1
tempest_rc=$?
run_seconds=$(( $(date +%s) - run_started ))

echo
echo "=== Tempest totals (tempest run exited $tempest_rc, ${run_seconds}s) ==="
sed -n '/^Totals$/,/^Sum of execute time/p' "$work/tempest-run.log" |
    grep -E '^ - |^Ran: '
echo
echo "=== Skipped (Tempest's reasons) ==="
grep -E '\.\.\. SKIPPED: ' "$work/tempest-run.log" | sed 's/^{[0-9]*} //' |
    sort -u

"$tempest_venv/bin/stestr" failing --list 2>/dev/null |
    sed -e 's/\[[^]]*\]$//' | sort -u >"$work/failing.txt"
grep -vE '^\s*(#|$)' "$known_list" | sed 's/[[:space:]]*$//' |
    sort -u >"$work/known.txt"
comm -23 "$work/failing.txt" "$work/known.txt" >"$work/new-failures.txt"
comm -13 "$work/failing.txt" "$work/known.txt" >"$work/known-not-failing.txt"

echo
echo "=== Failing ($(wc -l <"$work/failing.txt")) ==="
cat "$work/failing.txt"
echo
if [ -s "$work/known-not-failing.txt" ]; then
    echo "=== Listed as known failures but did not fail (remove them) ==="
    cat "$work/known-not-failing.txt"
    echo
fi
echo "Tempest run log: $work/tempest-run.log"
echo "Whole job: $(( $(date +%s) - started ))s"
if [ -s "$work/new-failures.txt" ]; then
    echo "=== FAILED: not in $(basename "$known_list") ==="
    cat "$work/new-failures.txt"
    exit 1
fi
if [ "$tempest_rc" -ne 0 ] && [ ! -s "$work/failing.txt" ]; then
    echo "tempest run failed without a failing test (see the log)"
    exit 1
fi
echo "Tempest: every failure is a known one"
exit 0
