#!/bin/bash
# The robustness tier: hostile DNS (a scripted UDP/TCP server on 127.0.0.1,
# started by the tests themselves), untrusted workspaces and privacy over the
# language server's stdio, and a storm of edits against the server.
# Needs `npm run compile` and the bundles of `npm run build` (the tests run
# dist/server.js and dist/cli.js as a user would).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f out/test/robustness/hostileDns.js ] || { echo "robustness tier: run 'npm run compile' first" >&2; exit 1; }
[ -f dist/server.js ] && [ -f dist/cli.js ] || node scripts/build.mjs >/dev/null
exec node --test --test-reporter=spec --test-concurrency=1 out/test/robustness/
