#!/usr/bin/env bash
# Prints the path of the Python of the project's throwaway virtual environment
# (.build/bench-venv) with the pinned openpyxl, XlsxWriter and python-calamine, made or
# remade when missing or pinned otherwise. `make bench` and `make fuzz` use it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.build/bench-venv
PINS="openpyxl==3.1.5 XlsxWriter==3.3.1 python-calamine==0.9.1"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/pins.txt" 2>/dev/null)" != "$PINS" ]; then
    echo "== Python virtual environment in $VENV: $PINS" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS >&2
    printf '%s' "$PINS" > "$VENV/pins.txt"
fi
echo "$PWD/$VENV/bin/python"
