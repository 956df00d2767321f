#!/usr/bin/env bash
# Create (or refresh) the project's virtualenv at .venv with everything the
# services, the tests and the docs need.  Idempotent: a second run only
# reinstalls when the requirement files changed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
venv="${NOVA_VENV:-$top/.venv}"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.sha"
want=$(cat "$top"/requirements.txt "$top"/test-requirements.txt \
           "$top"/multiprocess-requirements.txt \
           "$top"/doc/requirements.txt "$top"/setup.cfg 2>/dev/null | sha1sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$venv/bin/pip" install -q -U pip setuptools wheel
    reqs=(-r "$top/requirements.txt" -r "$top/test-requirements.txt")
    [ -f "$top/doc/requirements.txt" ] && reqs+=(-r "$top/doc/requirements.txt")
    [ -f "$top/multiprocess-requirements.txt" ] && \
        reqs+=(-r "$top/multiprocess-requirements.txt")
    "$venv/bin/pip" install -q "${reqs[@]}"
    "$venv/bin/pip" install -q --no-deps -e "$top"
    echo "$want" > "$stamp"
fi
echo "$venv"
