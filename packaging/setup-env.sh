#!/usr/bin/env bash
# Prepares this checkout to run (or, with --test, to test) dialer-app on Debian/Ubuntu:
# installs the system libraries Qt and the keyring need (apt-get as root, or via sudo),
# creates .venv and installs the project into it. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Qt 6 (PySide6 wheels) on X11/offscreen, fonts, D-Bus; plus the Secret Service for tests.
packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 fonts-dejavu-core
  libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xfixes0 libxcb-xkb1
)
if [ "$want_test" = 1 ]; then
  packages+=(dbus dbus-x11 gnome-keyring xvfb)
  # desktop-file-validate and appstreamcli check the desktop entry and AppStream metainfo.
  packages+=(desktop-file-utils appstream)
fi
# A Python from pyenv or python.org carries venv itself; only Debian's python3 needs the package.
python3 -c "import venv, ensurepip" 2>/dev/null || packages+=(python3-venv)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 - <<'PY' || { echo "setup: dialer-app needs Python 3.11 or newer" >&2; exit 1; }
import sys
sys.exit(sys.version_info < (3, 11))
PY

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
extra=""
[ "$want_test" = 1 ] && extra="[test]"
.venv/bin/python -m pip install -q -e ".${extra}" 2>&1 | grep -v -e "^WARNING: Location" >&2 || true
.venv/bin/python -c "import dialer_app" || { echo "setup: install failed" >&2; exit 1; }
