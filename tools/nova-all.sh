#!/usr/bin/env bash
# Start the embedded cloud (nova-all) from a fresh checkout: installs into
# .venv on first use, then runs nova-all with any arguments given.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
venv=$("$top/tools/ensure-venv.sh" | tail -n 1)
exec "$venv/bin/nova-all" "$@"
