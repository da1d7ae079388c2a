#!/bin/bash
# The smtp tier: `mailzone probe` end to end against real servers on 127.0.0.1.
#
# Makes certificates with OpenSSL (certs.sh), starts Postfix (postfix.sh, on
# ports 2465, 2587 and 2625-2630) and Knot DNS on port 5360 serving
# tls.example with MX, TLSA, SRV and MTA-STS records, runs
# `node --test out/test/smtp/` (whose tests start their own HTTPS server for
# the MTA-STS policies), and stops everything however the run ends.
# Needs root (Postfix refuses other users) and `npm run compile`; installs
# Debian's postfix and knot through scripts/install-test-deps.sh if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v postfix >/dev/null 2>&1 || ! command -v knotd >/dev/null 2>&1; then
  bash scripts/install-test-deps.sh
fi
[ "$(id -u)" = 0 ] || { echo "smtp tier: Postfix must be started as root" >&2; exit 1; }
[ -f out/test/smtp/probe.test.js ] || { echo "smtp tier: run 'npm run compile' first" >&2; exit 1; }
[ -f dist/cli.js ] || node scripts/build.mjs >/dev/null

# A short path: Postfix's sockets live below it.
DIR=$(mktemp -d /tmp/mz-smtp.XXXXXX)
KNOT_PID=
stop() {
  bash test/smtp/postfix.sh stop "$DIR" || true
  if [ -n "$KNOT_PID" ] && kill -0 "$KNOT_PID" 2>/dev/null; then
    kill "$KNOT_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$KNOT_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$KNOT_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap stop EXIT

bash test/smtp/certs.sh "$DIR/certs"
spki() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -hex | sed 's/.*= //'; }
cert() { openssl x509 -in "$1" -outform DER | openssl dgst -sha256 -hex | sed 's/.*= //'; }
sed -e "s|@VALID_SPKI@|$(spki "$DIR/certs/valid.pem")|" -e "s|@SELF_SPKI@|$(spki "$DIR/certs/selfsigned.pem")|" \
  -e "s|@CA_CERT@|$(cert "$DIR/certs/ca.pem")|" test/smtp/tls.example.zone.in > "$DIR/tls.example.zone"
mkdir -p "$DIR/knot"
sed -e "s|@DIR@|$DIR|g" test/smtp/knot.conf > "$DIR/knot.conf"
if (exec 3<>/dev/tcp/127.0.0.1/5360) 2>/dev/null; then echo "smtp tier: 127.0.0.1:5360 is already in use" >&2; exit 1; fi
knotc -c "$DIR/knot.conf" conf-check >/dev/null
knotd -c "$DIR/knot.conf" > "$DIR/knotd.log" 2>&1 &
KNOT_PID=$!
for i in $(seq 1 100); do
  dig @127.0.0.1 -p 5360 +short +time=1 +tries=1 tls.example SOA 2>/dev/null | grep -q . && break
  kill -0 "$KNOT_PID" 2>/dev/null && [ "$i" != 100 ] || { echo "smtp tier: knotd did not come up" >&2; cat "$DIR/knotd.log" >&2; exit 1; }
  sleep 0.1
done

bash test/smtp/postfix.sh start "$DIR"

MAILZONE_SMTP_DIR="$DIR" MAILZONE_SMTP_DNS=127.0.0.1:5360 node --test --test-reporter=spec --test-concurrency=1 out/test/smtp/
