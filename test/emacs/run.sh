#!/usr/bin/env bash
# Emacs as a real LSP client: Emacs 28 in batch mode with Debian's eglot 1.9,
# set up with the README's init.el lines, opens the language-server fixture in
# the built-in dns-mode and talks to the standalone server
# (`mailzone-language-server --stdio`, dist/server.js); test/emacs/client.el
# prints the diagnostics it received and the results of its checks. This
# script compares the diagnostics with the fixture's caret annotations
# (`;   ^^^ rule-id` under the target), counts the checks, and prints
# "emacs: N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/annotations.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER="$ROOT/dist/server.js"
FIXTURE="$ROOT/test/fixtures/lsp/db.example.com"

if ! command -v emacs >/dev/null 2>&1 || [ ! -d /usr/share/emacs/site-lisp/elpa ] || ! ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  echo "emacs: Emacs or eglot is not installed (scripts/install-test-deps.sh installs emacs-nox and elpa-eglot)" >&2
  echo "emacs: 0 passed, 1 failed"
  exit 1
fi
if [ ! -f "$SERVER" ]; then
  echo "emacs: $SERVER is missing; run npm run build first" >&2
  echo "emacs: 0 passed, 1 failed"
  exit 1
fi

WORK="$(mktemp -d)"
cleanup() {
  # Emacs stops the server itself; this catches anything left if it did not.
  if [ -n "${EMACS_PID:-}" ]; then kill -- "-$EMACS_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A private home, so no user init file or package takes part; the fixture is
# copied there, so the edits the client makes never touch the repository.
export HOME="$WORK/home"
mkdir -p "$HOME/zones"
cp "$FIXTURE" "$HOME/zones/db.example.com"
# The README's Emacs setup, as a user pastes it into init.el, and the server on PATH as the package installs it.
awk '/^```elisp$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$ROOT/README.md" >"$WORK/init.el"
if [ ! -s "$WORK/init.el" ]; then
  echo "emacs: no elisp block in README.md" >&2
  echo "emacs: 0 passed, 1 failed"
  exit 1
fi
export MAILZONE_EMACS_INIT="$WORK/init.el"
mkdir -p "$WORK/bin"
ln -s "$ROOT/bin/mailzone-language-server.js" "$WORK/bin/mailzone-language-server"
export PATH="$WORK/bin:$PATH"

# Its own process group (setsid), so cleanup can stop Emacs and the server it
# started; `timeout` only guards against a hang, the client waits by polling.
set +e
setsid timeout 120 emacs --batch -Q -l "$ROOT/test/emacs/client.el" -- "$HOME/zones/db.example.com" >"$WORK/out.txt" 2>"$WORK/err.txt" </dev/null &
EMACS_PID=$!
wait "$EMACS_PID"
STATUS=$?
set -e
EMACS_PID=

cat "$WORK/out.txt"
# eglot's own messages go to stderr; show them only when something failed.

passed=0
failed=0

check_annotations "$FIXTURE" "$WORK/out.txt" Emacs

el_passed=$(grep -c '^PASS ' "$WORK/out.txt" || true)
el_failed=$(grep -c '^FAIL ' "$WORK/out.txt" || true)
passed=$((passed + el_passed))
failed=$((failed + el_failed))
# A run that died or hung without reporting a failed check still fails.
if [ "$el_failed" -eq 0 ] && { [ "$STATUS" -ne 0 ] || ! grep -q '^DONE$' "$WORK/out.txt"; }; then
  echo "FAIL emacs run: exit status $STATUS, no DONE line"
  failed=$((failed + 1))
fi
if [ "$failed" -gt 0 ] && [ -s "$WORK/err.txt" ]; then sed 's/^/emacs stderr: /' "$WORK/err.txt" | tail -40 >&2; fi

echo "emacs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
