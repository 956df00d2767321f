#!/usr/bin/env bash
# Create (or refresh) the project's virtualenv at .venv with everything the
# services, the tests and the docs need.  Idempotent: a second run only
# reinstalls when the requirement files changed.
#
# Progress goes to stderr, one line per install step; pip's own output
# goes to $venv/install.log (printed in full if a step fails).  Stdout is
# only the venv's path, which callers capture.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
venv="${NOVA_VENV:-$top/.venv}"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.sha"
want=$(cat "$top"/requirements.txt "$top"/test-requirements.txt \
           "$top"/multiprocess-requirements.txt \
           "$top"/doc/requirements.txt "$top"/setup.cfg 2>/dev/null | sha1sum | cut -d' ' -f1)
log="$venv/install.log"

step() {
    # step N TOTAL "what" command...: one line, the command's output logged.
    local n=$1 total=$2 what=$3
    shift 3
    printf '[%s/%s] %s ...\n' "$n" "$total" "$what" >&2
    if ! "$@" >>"$log" 2>&1; then
        printf 'Failed: %s; the log follows (%s)\n' "$what" "$log" >&2
        cat "$log" >&2
        exit 1
    fi
}

if [ ! -x "$venv/bin/python" ]; then
    printf '[1/5] Creating the virtualenv %s ...\n' "$venv" >&2
    "$python" -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    : > "$log"
    reqs=(-r "$top/requirements.txt" -r "$top/test-requirements.txt")
    [ -f "$top/doc/requirements.txt" ] && reqs+=(-r "$top/doc/requirements.txt")
    [ -f "$top/multiprocess-requirements.txt" ] && \
        reqs+=(-r "$top/multiprocess-requirements.txt")
    step 2 5 "Updating pip, setuptools and wheel" \
        "$venv/bin/pip" install -U pip setuptools wheel
    step 3 5 "Installing the requirements (a few minutes the first time)" \
        "$venv/bin/pip" install "${reqs[@]}"
    step 4 5 "Installing nova (editable) with its openstack CLI plugin" \
        "$venv/bin/pip" install --no-deps -e "$top"
    echo "$want" > "$stamp"
    printf '[5/5] Ready: %s\n' "$venv" >&2
fi
echo "$venv"
