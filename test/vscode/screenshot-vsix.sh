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
source test/vscode/server.sh

vscode_server_locate

vscode_work mailzone-vsix

log "packaging mailzone.vsix"
npm run --silent package >"$WORK/package.log" 2>&1 || { cat "$WORK/package.log"; exit 1; }
# A copy, so a later package run in the tree cannot change what is installed.
cp mailzone.vsix "$WORK/mailzone.vsix"

mkdir -p "$WORK/examples/.vscode" "$(dirname "$OUT")"
cp examples/example.com.zone "$WORK/examples/"
cp test/vscode/screenshot-settings.json "$WORK/examples/.vscode/settings.json"

# The same data folders the server is started with below, so it finds the extension
# where the CLI put it. An empty gallery keeps the CLI from querying the marketplace.
log "installing the .vsix into $WORK/extensions"
EXTENSIONS_GALLERY='{}' "$NODE24" "$SERVER_MAIN" --accept-server-license-terms "${SERVER_DIRS[@]}" \
  --install-extension "$WORK/mailzone.vsix"
[ -f "$WORK/extensions/extensions.json" ] && grep -q '"mailzone.mailzone"' "$WORK/extensions/extensions.json" \
  || { log "the server did not record the installed extension"; exit 1; }

vscode_server_start "$WORK/server.log" \
  || { log "the VS Code server did not answer:"; tail -n 40 "$WORK/server.log"; exit 1; }

TMPDIR="$WORK/tmp" node test/vscode/screenshot-vsix.js --url "$URL" --folder "$WORK/examples" --out "$OUT" \
  || { log "server log tail:"; tail -n 30 "$WORK/server.log"; exit 1; }
