#!/usr/bin/env bash
# Runs the dialer from this checkout: sets it up the first time (and again only when the
# project's set-up changed), puts `dialer-app` on your PATH (~/.local/bin), then opens the
# window. Arguments go to dialer-app, e.g. `bash packaging/run.sh --quick-call`.
# With no account configured and no arguments it starts on the built-in sandbox (no real
# calls); set up a real account with File › Set up account… or
# `dialer-app credentials set --user-id ID`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash packaging/setup-env.sh --link
if [ "$#" -eq 0 ]; then
  # Is an account set up in the default profile? Read from settings.json only: asking the
  # keyring (as `credentials status` does) may take a while or open an unlock prompt.
  configured=$(.venv/bin/python - 2>/dev/null <<'PY' || echo no
from dialer_app.core.profile import resolve_profile_dir
from dialer_app.core.settings import SettingsFile

print("yes" if SettingsFile(resolve_profile_dir(None)).load().settings.user_id else "no")
PY
)
  [ "$configured" = yes ] || set -- --sandbox
fi
exec .venv/bin/dialer-app "$@"
