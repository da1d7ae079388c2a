#!/usr/bin/env bash
# The grammar tier. Runs every TextMate grammar test case in test/grammar/cases/ with
# vscode-tmgrammar-test, then the language-contribution checks (test/grammar/contribution.mjs).
# Ends with the line "grammar: N passed, N failed", counting test files; exits non-zero if
# any failed. The case files run in one process (starting one per file costs seconds); a
# file counts as passed only if the runner reports it so, so a crash or the time limit
# (which stops a runaway regular expression) fails every file it left unreported.
#
# A case file starts with `<comment> SYNTAX TEST "<scope>"`; lines of the form
# `; ^^^ scope - excluded scope` assert the scopes of the line above (see
# node_modules/vscode-tmgrammar-test/README.md). Several excluded scopes go after a single
# `-`: a second ` - ` makes the runner's assertion parser backtrack for minutes.
set -u
cd "$(dirname "$0")/../.."

runner=node_modules/.bin/vscode-tmgrammar-test
if [ ! -x "$runner" ]; then
  echo "grammar: $runner is missing; run npm ci" >&2
  echo "grammar: 0 passed, 1 failed"
  exit 1
fi
limit=${GRAMMAR_TEST_TIMEOUT:-120}

passed=0
failed=0
shopt -s nullglob
cases=(test/grammar/cases/*.test.*)
if [ ${#cases[@]} -eq 0 ]; then
  echo "✖ no test cases in test/grammar/cases"
  failed=$((failed + 1))
else
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  # FORCE_COLOR=0 keeps the runner's result lines free of colour codes, so they can be matched.
  FORCE_COLOR=0 timeout "$limit" "$runner" \
    -g syntaxes/dns-zone.tmLanguage.json \
    -g syntaxes/mta-sts-policy.tmLanguage.json \
    "${cases[@]}" | tee "$log"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 124 ] && echo "✖ the grammar test cases took longer than ${limit}s"
  for file in "${cases[@]}"; do
    if grep -qxF "✓ $file run successfuly." "$log"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  done
  # The runner's own verdict must agree: it exits non-zero on any failure.
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "✖ vscode-tmgrammar-test exited with $status"
    failed=1
  fi
fi

if timeout "$limit" node test/grammar/contribution.mjs; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "grammar: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
