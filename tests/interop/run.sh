#!/bin/sh
# make interop: check journeymap's mind-map and Mermaid files with the real readers.
# Installs what is missing (xmindparser into the venv, mermaid + jsdom into build/interop/node_modules, and, when run
# as root with apt-get, the Debian packages pandoc, freeplane, xvfb, and chromium with chromium-driver for the HTML
# map's browser tests). A reader that cannot be installed makes its check SKIP, never FAIL.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
BUILD=$ROOT/build/interop
mkdir -p "$BUILD"
"$PY" -c "import xmindparser" 2>/dev/null || "$PY" -m pip install --quiet xmindparser || echo "interop: could not install xmindparser" >&2
if command -v npm >/dev/null 2>&1 && { [ ! -d "$BUILD/node_modules/mermaid" ] || [ ! -d "$BUILD/node_modules/jsdom" ]; }; then
    npm install --prefix "$BUILD" --silent --no-audit --no-fund mermaid jsdom || echo "interop: could not install mermaid/jsdom" >&2
fi
missing=""
for tool in pandoc freeplane xvfb-run; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pandoc freeplane xvfb xauth >/dev/null \
        || echo "interop: could not install$missing" >&2
fi
# Chromium and chromedriver for tests/test_html_browser.py (run by make pytest): the HTML map in a real browser.
if { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; } \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
        || echo "interop: could not install chromium chromium-driver; the browser tests of the HTML map will skip" >&2
fi
exec "$PY" "$ROOT/tests/interop/check.py" "$BUILD"
