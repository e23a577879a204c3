#!/usr/bin/env bash
# Sets up everything govaudit needs on a Debian machine, then runs the demo or the tests.
#   bash scripts/bootstrap.sh demo   # audit the bundled demo site, print where the report is
#   bash scripts/bootstrap.sh test   # run the test-suite
# Idempotent: a second run only checks what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
MODE="${1:-demo}"
shift || true

say() { printf '[bootstrap] %s\n' "$*" >&2; }

# An interpreter counts only if it really runs and is >= 3.12: pyenv shims exist for
# versions that are not selected and fail when called.
python_ok() { "$@" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

find_python() {
    local candidate
    if [ -n "${GOVAUDIT_PYTHON:-}" ] && python_ok "$GOVAUDIT_PYTHON"; then echo "$GOVAUDIT_PYTHON"; return 0; fi
    for candidate in python3.13 python3.12 python3 /usr/bin/python3.13 /usr/bin/python3.12 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return 0; fi
    done
    local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
    for candidate in "$pyenv_root"/versions/3.1[2-9]*/bin/python3 "$pyenv_root"/versions/3.[2-9][0-9]*/bin/python3; do
        if [ -x "$candidate" ] && python_ok "$candidate"; then echo "$candidate"; return 0; fi
    done
    return 1
}

apt_updated=0
apt_install() {
    if [ "$(id -u)" != 0 ]; then
        say "need Debian packages: $* (run as root, or install them: apt-get install $*)"; return 1
    fi
    if [ $apt_updated = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# CJK fonts, so screenshots of Chinese pages show text, not boxes.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt_install "${missing[@]}"
fi

PYTHON=$(find_python || true)
if [ -z "$PYTHON" ]; then
    say "no Python >= 3.12 found; installing Debian's python3"
    apt_install python3 python3-venv python3-pip
    PYTHON=$(find_python) || { say "still no Python >= 3.12; set GOVAUDIT_PYTHON"; exit 1; }
fi

if [ -x "$VENV/bin/python" ] && ! python_ok "$VENV/bin/python"; then
    say "existing .venv is broken; recreating"; rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtualenv with $PYTHON ($("$PYTHON" --version 2>&1))"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        apt_install python3-venv && "$PYTHON" -m venv "$VENV"
    fi
fi
STAMP="$VENV/.govaudit-installed"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
    say "installing govaudit and its dependencies into .venv"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    touch "$STAMP"
fi

case "$MODE" in
    # Two nights of the demo into one store, so the second report shows what changed overnight.
    demo) say "night 1 of 2: the demo as first served"
          "$VENV/bin/govaudit" demo --revision 1 "$@"
          say "night 2 of 2: the next night (a link fixed, a page deleted, a category added)"
          exec "$VENV/bin/govaudit" demo --revision 2 "$@" ;;
    test) exec "$VENV/bin/python" -m pytest "$@" ;;
    setup) say "ready: $VENV" ;;
    *) say "unknown mode '$MODE' (use demo, test or setup)"; exit 2 ;;
esac
