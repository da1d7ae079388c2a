#!/usr/bin/env bash
# Runs the extension's mocha suite (test/vscode/suite) inside a real VS Code extension
# host, offline: the VS Code server bundled in code-server serves the workbench on
# 127.0.0.1, headless Chromium opens it with the extension under development, and the
# suite's outcome comes back as "N passed, N failed". Everything started here is
# stopped on exit, by process group.
#
# Environment: MAILZONE_CACHE (tool cache, see scripts/test-env/vscode-server.sh),
#              MAILZONE_DRIVER_TIMEOUT (seconds, default 420), SCREENSHOT (png path).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
log() { echo "[vscode] $*"; }
source test/vscode/server.sh

vscode_server_locate

# Bundles and compiled tests are rebuilt when missing or older than their sources.
stale() { # stale OUTPUT SOURCE...
  [ ! -f "$1" ] && return 0
  local out="$1"; shift
  [ -n "$(find "$@" -newer "$out" -type f -print -quit 2>/dev/null)" ]
}
if stale dist/server.js client/src server/src scripts/build.mjs package.json || [ ! -f dist/client.js ] || [ ! -f dist/languageClient.js ]; then
  log "building dist/"
  npm run --silent build || { log "the build failed"; echo "0 passed, 1 failed"; exit 1; }
fi
SUITE="$REPO/out/test/vscode/suite/index.js"
if stale "$SUITE" test/vscode/suite test/vscode/report.ts || [ ! -f out/test/vscode/report.js ]; then
  log "compiling the suite"
  # Other tiers own type errors elsewhere in the tree; this tier needs only the suite's output.
  npm run --silent compile || log "warning: tsc reported errors (above); continuing with the emitted files"
  [ -f "$SUITE" ] && [ -f out/test/vscode/report.js ] || { log "tsc did not emit the suite"; echo "0 passed, 1 failed"; exit 1; }
fi

vscode_work mailzone-vscode

# The extension host inherits the server's environment: that is how the suite learns
# where to write its results and where to ask the driver about the workbench (driver.js, PROBES).
mkdir -p "$WORK/probe"
MAILZONE_VSCODE_RESULTS="$WORK/results.json" MAILZONE_DRIVER_PROBE="$WORK/probe" vscode_server_start "$WORK/server.log" --enable-smoke-test-driver || {
  log "the VS Code server $SERVER_FAILURE:"; tail -n 40 "$WORK/server.log"
  echo "0 passed, 1 failed"; exit 1
}
log "server answers; running the suite"

set +e
TMPDIR="$WORK/tmp" node test/vscode/driver.js --url "$URL" --folder "$REPO/test/vscode/workspace" \
  --extension-development-path "$REPO" --extension-tests-path "$SUITE" --probe-dir "$WORK/probe" &
DRIVER_PID=$!
wait "$DRIVER_PID"
driver_status=$?
DRIVER_PID=""
set -e

if [ ! -f "$WORK/results.json" ]; then
  log "the suite wrote no results (driver exit $driver_status); server log tail:"
  tail -n 40 "$WORK/server.log"
  echo "0 passed, 1 failed"
  exit 1
fi
node out/test/vscode/report.js "$WORK/results.json" || exit 1
[ "$driver_status" -eq 0 ] || { log "driver exited with $driver_status"; exit 1; }
