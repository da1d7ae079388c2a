# Sourced by the editor tiers (nvim, emacs): compares the diagnostics an
# editor received with the fixture's annotations.
#
# check_annotations FIXTURE OUT EDITOR: for each `;   ^^^^ rule-id` line of
# FIXTURE (the target is the nearest line above that is not an annotation),
# looks for "DIAG line:col SEVERITY rule-id" in OUT, prints PASS or FAIL,
# and adds to the caller's `passed` and `failed` counters.
check_annotations() {
  local fixture="$1" out="$2" editor="$3" expected where code
  expected="$(awk '
    /^;[ \t]*\^/ {
      match($0, /\^+/); col = (RSTART == 2) ? 1 : RSTART
      rest = substr($0, RSTART + RLENGTH); sub(/^[ \t]+/, "", rest); split(rest, parts, /[ \t:\[]/)
      print target ":" col " " parts[1]; next
    }
    { target = NR }
  ' "$fixture")"
  while read -r where code; do
    [ -n "$where" ] || continue
    if grep -Eq "^DIAG $where [A-Z]+ $code( |\$)" "$out"; then
      echo "PASS $code at $where"
      passed=$((passed + 1))
    else
      echo "FAIL $code at $where: not among the diagnostics $editor received"
      failed=$((failed + 1))
    fi
  done <<<"$expected"
}
