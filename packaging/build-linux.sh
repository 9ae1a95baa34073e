#!/usr/bin/env bash
# Builds the one-folder Linux bundle dist/dialer-app/ with PyInstaller (packaging/dialer-app.spec),
# then smoke-tests the built program: --version, a sandbox call from the CLI, and the window
# started offscreen. Writes the results to build/pyinstaller/smoke.json and exits non-zero when
# any check fails. Work files go to build/pyinstaller/; the bundle to dist/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$(date +%s)
[ -x .venv/bin/python ] || bash packaging/setup-env.sh
.venv/bin/python -c "import PyInstaller" 2>/dev/null \
  || .venv/bin/pip install -q "pyinstaller>=6.10,<7" 2>&1 | grep -v -e "^WARNING: Location" >&2 || true
.venv/bin/python -c "import PyInstaller" || { echo "build: PyInstaller is missing" >&2; exit 1; }

.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/dialer-app.spec
built=$(date +%s)

bundle=dist/dialer-app
exe="$bundle/dialer-app"
[ -x "$exe" ] || { echo "build: $exe was not built" >&2; exit 1; }

# The smoke tests run with a throw-away profile and home, so they never touch the user's own.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/profile-cli" "$scratch/profile-window"
smoke_env=(env HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config"
  XDG_DATA_HOME="$scratch/home/.local/share" XDG_CACHE_HOME="$scratch/home/.cache")
failures=0
fail() { echo "smoke: FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. --version
version_out=$("${smoke_env[@]}" "$exe" --version 2>"$scratch/version.err") && version_rc=0 || version_rc=$?
echo "smoke: --version -> rc=$version_rc: $version_out"
[ "$version_rc" = 0 ] || fail "--version exited $version_rc: $(cat "$scratch/version.err")"

# 2. one call through the built-in sandbox, as a CRM script would place it; with calling
# hours set, so the callee's time zones (phonenumbers' and the zone database) must be bundled
"${smoke_env[@]}" "$exe" --profile "$scratch/profile-cli" settings set calling_hours 00:00-24:00 \
  2>"$scratch/call.err" || fail "settings set calling_hours: $(cat "$scratch/call.err")"
call_out=$("${smoke_env[@]}" "$exe" --sandbox --profile "$scratch/profile-cli" \
  call +919200000000 --json 2>"$scratch/call.err") && call_rc=0 || call_rc=$?
echo "smoke: call -> rc=$call_rc: $call_out"
call_ok=$(printf '%s' "$call_out" | .venv/bin/python -c '
import json, sys
try:
    reply = json.load(sys.stdin)
except ValueError:
    print("false"); sys.exit()
print("true" if reply.get("ok") is True and reply.get("request_id") else "false")')
[ "$call_rc" = 0 ] && [ "$call_ok" = true ] || fail "sandbox call: rc=$call_rc $(cat "$scratch/call.err")"

# 3. the keyring backends made it into the bundle: which one answers (the test suite runs this
# inside a D-Bus session with gnome-keyring, where it must be the Secret Service).
keyring_backend=$("${smoke_env[@]}" "$exe" --profile "$scratch/profile-cli" credentials status \
  --json 2>"$scratch/keyring.err" | .venv/bin/python -c '
import json, sys
try:
    print(json.load(sys.stdin).get("keyring_backend") or "")
except ValueError:
    print("")') || true
echo "smoke: keyring backend -> ${keyring_backend:-none}"
[ -n "$keyring_backend" ] || fail "credentials status: $(head -c 2000 "$scratch/keyring.err")"

# 4. the window, offscreen. With --smoke-exit-after-ms the app quits by itself (exit 0) after
# its first paint; a build without that option is run under `timeout` instead, and being
# stopped by it (124) counts as success only if stderr shows no traceback or fatal error.
window() {
  QT_QPA_PLATFORM=offscreen timeout 8 "${smoke_env[@]}" "$exe" --sandbox \
    --profile "$scratch/profile-window" "$@" 2>"$scratch/window.err" >/dev/null
}
window_mode=smoke-exit
window "--smoke-exit-after-ms" 1500 && window_rc=0 || window_rc=$?
if [ "$window_rc" = 2 ] && grep -q -- "--smoke-exit-after-ms" "$scratch/window.err"; then
  window_mode=timeout
  window && window_rc=0 || window_rc=$?
fi
window_errors=$(grep -E -c "Traceback|Fatal|fatal|Could not (load|find) the Qt platform|Error:" \
  "$scratch/window.err" || true)
echo "smoke: window ($window_mode) -> rc=$window_rc, error lines in stderr: $window_errors"
if [ "$window_errors" != 0 ]; then
  fail "window wrote errors: $(head -c 2000 "$scratch/window.err")"
elif [ "$window_mode" = smoke-exit ] && [ "$window_rc" != 0 ]; then
  fail "window exited $window_rc"
elif [ "$window_mode" = timeout ] && [ "$window_rc" != 124 ] && [ "$window_rc" != 0 ]; then
  fail "window exited $window_rc before the timeout"
fi

size_bytes=$(du -sb "$bundle" | cut -f1)
size_human=$(du -sh "$bundle" | cut -f1)
finished=$(date +%s)
echo "build: bundle $bundle is $size_human; build $((built - started)) s, smoke tests $((finished - built)) s"

VERSION_RC=$version_rc VERSION_OUT=$version_out CALL_RC=$call_rc CALL_OK=$call_ok \
CALL_OUT=$call_out KEYRING_BACKEND=$keyring_backend WINDOW_RC=$window_rc \
WINDOW_MODE=$window_mode WINDOW_ERRORS=$window_errors BUNDLE=$bundle SIZE_BYTES=$size_bytes \
SIZE_HUMAN=$size_human BUILD_S=$((built - started)) SMOKE_S=$((finished - built)) \
FAILURES=$failures .venv/bin/python - <<'PY'
import json
import os

env = os.environ
summary = {
    "version": {"rc": int(env["VERSION_RC"]), "stdout": env["VERSION_OUT"]},
    "call": {"rc": int(env["CALL_RC"]), "ok": env["CALL_OK"] == "true", "stdout": env["CALL_OUT"]},
    "keyring_backend": env["KEYRING_BACKEND"],
    "window": {
        "rc": int(env["WINDOW_RC"]),
        "mode": env["WINDOW_MODE"],
        "error_lines": int(env["WINDOW_ERRORS"]),
    },
    "bundle": {"path": env["BUNDLE"], "bytes": int(env["SIZE_BYTES"]), "human": env["SIZE_HUMAN"]},
    "seconds": {"build": int(env["BUILD_S"]), "smoke": int(env["SMOKE_S"])},
    "failures": int(env["FAILURES"]),
}
with open("build/pyinstaller/smoke.json", "w", encoding="utf-8") as handle:
    json.dump(summary, handle, indent=2)
PY
[ "$failures" = 0 ] || { echo "build: $failures smoke test(s) failed" >&2; exit 1; }
echo "build: OK"
