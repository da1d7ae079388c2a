#!/usr/bin/env bash
# Neovim as a real LSP client: headless Neovim (Debian's 0.7) opens a zone
# fixture with the standalone server (`node dist/server.js --stdio`); the lua
# client (test/nvim/client.lua) prints the diagnostics it received and the
# results of its checks. This script compares the diagnostics with the
# fixture's caret annotations (`;   ^^^ rule-id` under the target), counts
# the lua checks, and prints "nvim: N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/annotations.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER="$ROOT/dist/server.js"
FIXTURE="$ROOT/test/fixtures/lsp/db.example.com"

if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q neovim >/dev/null
  else
    echo "nvim: Neovim is not installed (apt-get install neovim)" >&2
    echo "nvim: 0 passed, 1 failed"
    exit 1
  fi
fi
if [ ! -f "$SERVER" ]; then
  echo "nvim: $SERVER is missing; run npm run build first" >&2
  echo "nvim: 0 passed, 1 failed"
  exit 1
fi

WORK="$(mktemp -d)"
cleanup() {
  # Neovim stops the server itself; this catches anything left if it did not.
  if [ -n "${NVIM_PID:-}" ]; then kill -- "-$NVIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A private home, so no user configuration or plugin can take part.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$HOME"
export MAILZONE_SERVER="$SERVER"

# Its own process group (setsid), so cleanup can stop Neovim and the server it
# started; `timeout` only guards against a hang, the lua side waits by polling.
set +e
setsid timeout 180 nvim --headless --clean -c "luafile $ROOT/test/nvim/client.lua" "$FIXTURE" >"$WORK/out.txt" 2>"$WORK/err.txt" </dev/null &
NVIM_PID=$!
wait "$NVIM_PID"
STATUS=$?
set -e
NVIM_PID=

cat "$WORK/out.txt"
[ -s "$WORK/err.txt" ] && sed 's/^/nvim stderr: /' "$WORK/err.txt" >&2

# The README's Neovim setup, as a user pastes it into init.lua, with the server on PATH as the package installs
# it: zone files named *.zone and db.* open as bindzone and share one server (test/nvim/readme.lua checks).
# The blocks are the lua blocks after the README's **Neovim** paragraph: the first is the setup run here, the
# second the nvim-lspconfig variant (checked below for what can be checked without the plugin).
readme_lua() {
  awk -v want="$1" '/^\*\*Neovim\*\*/ { seen = 1 } seen && /^```lua$/ { n++; inside = (n == want); next } /^```$/ { inside = 0 } inside' "$ROOT/README.md"
}
readme_lua 1 >"$WORK/init.lua"
readme_lua 2 >"$WORK/lspconfig.lua"
mkdir -p "$WORK/bin" "$WORK/zones"
ln -s "$ROOT/bin/mailzone-language-server.js" "$WORK/bin/mailzone-language-server"
cp "$FIXTURE" "$WORK/zones/example.com.zone"
cp "$FIXTURE" "$WORK/zones/db.example.com"
# Neovim also detects bindzone by content ($ORIGIN, $TTL or SOA in the first lines): comment lines first keep this
# one without a filetype until the test sets it.
{ for _ in 1 2 3 4 5 6; do echo '; records of example.com'; done; cat "$FIXTURE"; } >"$WORK/zones/example.com.records"
if ! grep -q "nvim_create_autocmd('FileType'" "$WORK/init.lua"; then
  echo "FAIL the README's Neovim block: no FileType autocommand in the first lua block after **Neovim**" | tee -a "$WORK/out.txt"
fi
set +e
(cd "$WORK/zones" && PATH="$WORK/bin:$PATH" MAILZONE_ZONE_A="$WORK/zones/example.com.zone" MAILZONE_ZONE_B="$WORK/zones/db.example.com" \
  MAILZONE_ZONE_C="$WORK/zones/example.com.records" \
  setsid timeout 120 nvim --headless --clean -c "luafile $WORK/init.lua" -c "luafile $ROOT/test/nvim/readme.lua" \
  >"$WORK/readme-out.txt" 2>"$WORK/readme-err.txt" </dev/null) &
NVIM_PID=$!
wait "$NVIM_PID"
README_STATUS=$?
set -e
NVIM_PID=
cat "$WORK/readme-out.txt"
[ -s "$WORK/readme-err.txt" ] && sed 's/^/nvim stderr (README setup): /' "$WORK/readme-err.txt" >&2
if [ "$README_STATUS" -ne 0 ] || ! grep -q '^DONE$' "$WORK/readme-out.txt"; then
  echo "FAIL the README setup: exit status $README_STATUS, no DONE line" | tee -a "$WORK/out.txt"
fi
grep -E '^(PASS|FAIL) ' "$WORK/readme-out.txt" >>"$WORK/out.txt" || true

# nvim-lspconfig is in no package registry this project installs from (Debian 12 does not package it), so its
# variant cannot run here. What can be checked without it: the block is Lua that Neovim's LuaJIT compiles, and it
# declares the filetypes and server command of the block that does run, through lspconfig's custom-server API
# (`lspconfig.configs`, `lspconfig.util.find_git_ancestor`, `setup`, as nvim-lspconfig 0.1.x has them).
setsid timeout 60 nvim --headless --clean -c "lua local f, e = loadfile('$WORK/lspconfig.lua'); io.stdout:write(f and 'PASS' or ('FAIL ' .. e), '\n')" -c 'qall!' \
  >"$WORK/lspconfig-out.txt" 2>&1 </dev/null
if grep -qx 'PASS' "$WORK/lspconfig-out.txt"; then
  echo "PASS the README's nvim-lspconfig block compiles" | tee -a "$WORK/out.txt"
else
  echo "FAIL the README's nvim-lspconfig block compiles: $(cat "$WORK/lspconfig-out.txt")" | tee -a "$WORK/out.txt"
fi
for needle in "filetypes = { 'bindzone', 'zone' }" "cmd = { 'mailzone-language-server', '--stdio' }" "require('lspconfig.configs')" "require('lspconfig.util').find_git_ancestor" "require('lspconfig').mailzone.setup("; do
  if grep -qF "$needle" "$WORK/lspconfig.lua"; then
    echo "PASS the README's nvim-lspconfig block has: $needle" | tee -a "$WORK/out.txt"
  else
    echo "FAIL the README's nvim-lspconfig block has: $needle" | tee -a "$WORK/out.txt"
  fi
done

passed=0
failed=0

check_annotations "$FIXTURE" "$WORK/out.txt" Neovim

lua_passed=$(grep -c '^PASS ' "$WORK/out.txt" || true)
lua_failed=$(grep -c '^FAIL ' "$WORK/out.txt" || true)
passed=$((passed + lua_passed))
failed=$((failed + lua_failed))
# A run that died or hung without reporting a failed check still fails.
if [ "$lua_failed" -eq 0 ] && { [ "$STATUS" -ne 0 ] || ! grep -q '^DONE$' "$WORK/out.txt"; }; then
  echo "FAIL neovim run: exit status $STATUS, no DONE line"
  failed=$((failed + 1))
fi

echo "nvim: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
