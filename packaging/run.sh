#!/usr/bin/env bash
# Runs the dialer from this checkout on a fresh machine: sets it up, then opens the window.
# With no account configured it starts on the built-in sandbox (no real calls); set up a
# real account with File › Set up account… or `dialer-app credentials set --user-id ID`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash packaging/setup-env.sh
if [ "$#" -eq 0 ]; then
  configured=$(.venv/bin/dialer-app credentials status --json 2>/dev/null \
    | .venv/bin/python -c 'import json,sys; print(bool(json.load(sys.stdin).get("user_id")))' \
    || echo False)
  [ "$configured" = True ] || set -- --sandbox
fi
exec .venv/bin/dialer-app "$@"
