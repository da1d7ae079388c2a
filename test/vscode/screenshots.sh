#!/usr/bin/env bash
# Takes the README's screenshots (docs/images/diagnostics.png, hover.png, hover-dmarc.png, quickfix.png,
# completion.png, language-status.png, output-log.png, references.png, spf-tree.png, rule-doc.png,
# settings.png, walkthrough.png) of examples/example.com.zone in the VS Code workbench, offline: the
# VS Code server bundled in code-server serves the workbench on 127.0.0.1 and headless
# Chromium drives it with the keyboard (test/vscode/screenshots.js). The example is
# copied to a scratch folder whose settings (test/vscode/screenshot-settings.json) keep
# live DNS off and the editor plain, so nothing but 127.0.0.1 is contacted. Everything
# started here is stopped on exit.
#
# Usage: bash test/vscode/screenshots.sh [OUT_DIR]   (default docs/images)
# Environment: MAILZONE_CACHE (tool cache, see scripts/test-env/vscode-server.sh).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
OUT="$(realpath -m "${1:-docs/images}")"
log() { echo "[screenshots] $*"; }
source test/vscode/server.sh

vscode_server_locate

log "building dist/"
npm run --silent build

vscode_work mailzone-shots
mkdir -p "$WORK/examples/.vscode" "$OUT"
cp examples/example.com.zone "$WORK/examples/"
cp test/vscode/screenshot-settings.json "$WORK/examples/.vscode/settings.json"

vscode_server_start "$WORK/server.log" --enable-smoke-test-driver \
  || { log "the VS Code server did not answer:"; tail -n 40 "$WORK/server.log"; exit 1; }

TMPDIR="$WORK/tmp" node test/vscode/screenshots.js --url "$URL" --folder "$WORK/examples" \
  --extension-development-path "$REPO" --out "$OUT" || { log "server log tail:"; tail -n 30 "$WORK/server.log"; exit 1; }
