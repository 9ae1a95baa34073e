#!/usr/bin/env bash
# Prepares this checkout to run (or, with --test, to test) dialer-app on Debian/Ubuntu:
# installs the system libraries Qt and the keyring need (apt-get as root, or via sudo),
# creates .venv and installs the project into it (editable: source changes need no reinstall).
#
#   bash packaging/setup-env.sh [--test] [--link]
#
#   --test   also the test tools (pytest, ruff, mypy, ...) and the packages the suite needs
#   --link   put `dialer-app` on your PATH: a link ~/.local/bin/dialer-app -> .venv/bin/dialer-app
#            (made once; an existing ~/.local/bin/dialer-app that is not ours is left alone)
#
# Safe to run again, and quick: the project is installed again only when pyproject.toml or this
# script changed since the last successful install (a stamp in .venv records their hash).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want_test=0
want_link=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --link) want_link=1 ;;
    *) echo "setup: unknown option $arg (use --test and/or --link)" >&2; exit 2 ;;
  esac
done

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
if [ ! -x .venv/bin/python ] && ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  packages+=(python3-venv)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  # One query for all of them (a query per package costs a quarter of a second).
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null \
    | awk '$NF == "installed" { sub(/:.*/, "", $1); print $1 }' || true)
  for pkg in "${packages[@]}"; do
    grep -qx -- "$pkg" <<<"$installed" || missing+=("$pkg")
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

# The project is (re)installed when what decides the install changed: its metadata and
# dependencies (pyproject.toml) or this script. The stamp says which extras are installed.
stamp=.venv/.dialer-setup-stamp
wanted=$(cat pyproject.toml packaging/setup-env.sh | sha256sum | cut -d' ' -f1)
up_to_date=0
if [ -x .venv/bin/dialer-app ] && [ -f "$stamp" ]; then
  read -r stamped_hash stamped_test <"$stamp" || true
  if [ "${stamped_hash:-}" = "$wanted" ] && [ "${stamped_test:-0}" -ge "$want_test" ]; then
    up_to_date=1
  fi
fi

if [ "$up_to_date" = 0 ]; then
  python3 - <<'PY' || { echo "setup: dialer-app needs Python 3.11 or newer" >&2; exit 1; }
import sys
sys.exit(sys.version_info < (3, 11))
PY
  extra=""
  [ "$want_test" = 1 ] && extra="[test]"
  [ -x .venv/bin/python ] && what="updating" || what="creating"
  echo "setup: $what .venv with dialer-app$extra and its dependencies (this takes a minute)..." >&2
  log=$(mktemp "${TMPDIR:-/tmp}/dialer-setup.XXXXXX.log")
  {
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".${extra}"
    .venv/bin/python -c "import dialer_app"
  } >"$log" 2>&1 || {
    cat "$log" >&2
    echo "setup: the installation failed (the output above is kept in $log)" >&2
    exit 1
  }
  # pip's notes go to the log only: setuptools announces every editable install with an
  # "Editable installation" BuildBackendWarning that is not about this project.
  mv "$log" .venv/setup.log
  echo "$wanted $want_test" >"$stamp"
fi

if [ "$want_link" = 1 ]; then
  bin_dir="$HOME/.local/bin"
  link="$bin_dir/dialer-app"
  target="$PWD/.venv/bin/dialer-app"
  current=$(readlink "$link" 2>/dev/null || true)
  if [ "$current" != "$target" ]; then
    if [ -e "$link" ]; then
      # Someone else's dialer-app (another checkout, pipx, a package): not ours to replace.
      # Said once (until that link changes), not on every start.
      note=.venv/.dialer-link-note
      if [ "$(cat "$note" 2>/dev/null)" != "$current" ]; then
        echo "setup: $link is another dialer-app (left alone); run this one as $target" >&2
        printf '%s\n' "$current" >"$note"
      fi
    else
      mkdir -p "$bin_dir"
      ln -sfn "$target" "$link"  # -f: replaces a dangling link left by a removed checkout
      case ":$PATH:" in
        *":$bin_dir:"*) echo "setup: linked $link, so 'dialer-app' works in any terminal" >&2 ;;
        *) echo "setup: linked $link; add $bin_dir to PATH (a new login does it on" \
          "Debian/Ubuntu) or run $target" >&2 ;;
      esac
    fi
  fi
fi
