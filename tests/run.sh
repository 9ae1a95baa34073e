#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: set-up, lint, type check, then pytest inside a
# private D-Bus session with an unlocked gnome-keyring (the real Secret Service).
# Extra arguments go to pytest, e.g. `bash tests/run.sh -k cli`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash packaging/setup-env.sh --test

.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache

export QT_QPA_PLATFORM=offscreen
# A throw-away keyring folder: never touches the user's own login keyring.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$keyring_home/run}"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

dbus-run-session -- bash -c '
  printf "test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec .venv/bin/python -m pytest "$@"
' pytest-session "$@"
