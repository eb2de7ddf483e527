# shellcheck shell=bash
# Shared install step of scripts/start and scripts/test (sourced, not run).
#
# Makes sure the project venv (.venv) exists and matches uv.lock:
# - a Python 3.11+ interpreter ($PYTHON, else python3, python3.13, python3.12, python3.11);
# - uv from PATH, else installed once into a separate tools venv (.tools/), so the project venv
#   only holds what the lock file says;
# - `uv sync --frozen`: exactly the locked versions, without re-resolving.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export UV_PROJECT_ENVIRONMENT="$ROOT/.venv"
# Use the interpreter of .venv; never download a Python behind the user's back.
export UV_PYTHON_DOWNLOADS=never

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

find_uv() {
    if command -v uv >/dev/null 2>&1; then
        command -v uv
    elif [ -x "$ROOT/.tools/bin/uv" ]; then
        echo "$ROOT/.tools/bin/uv"
    else
        return 1
    fi
}

# The libraries WeasyPrint loads to make the PDF (Pango, HarfBuzz's subsetter for embedded fonts)
# and one font. Checked on Linux only; elsewhere WeasyPrint's own message says what is missing.
check_system_libraries() {
    [ "$(uname -s)" = Linux ] || return 0
    local missing=()
    local pair library package
    for pair in pango-1.0:libpango-1.0-0 pangoft2-1.0:libpangoft2-1.0-0 \
        harfbuzz-subset:libharfbuzz-subset0; do
        library="${pair%%:*}"
        package="${pair#*:}"
        "$1" -c "import ctypes.util, sys; sys.exit(ctypes.util.find_library('$library') is None)" \
            || missing+=("$package")
    done
    if ! compgen -G "/usr/share/fonts/truetype/*/*.ttf" >/dev/null \
        && ! compgen -G "/usr/share/fonts/*/*.ttf" >/dev/null; then
        missing+=(fonts-dejavu-core)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Systeembibliotheken voor de PDF ontbreken: ${missing[*]}." >&2
        echo "Installeer ze (Debian/Ubuntu) met:" >&2
        echo "    sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

bootstrap() {
    cd "$ROOT"
    local python uv
    if ! python="$(find_python)"; then
        echo "Python 3.11 of nieuwer is nodig (zet eventueel PYTHON=/pad/naar/python3.x)." >&2
        exit 1
    fi
    check_system_libraries "$python"
    if [ ! -x .venv/bin/python ]; then
        echo "==> Virtuele omgeving .venv aanmaken met $python"
        "$python" -m venv .venv
    fi
    if ! uv="$(find_uv)"; then
        echo "==> uv installeren in .tools/"
        "$python" -m venv .tools
        .tools/bin/python -m pip install --quiet --disable-pip-version-check uv
        uv="$ROOT/.tools/bin/uv"
    fi
    echo "==> Afhankelijkheden installeren volgens uv.lock"
    # --inexact: leave tools someone added to .venv by hand (pip, uv) in place.
    "$uv" sync --frozen --inexact --quiet --python "$ROOT/.venv/bin/python"
}
