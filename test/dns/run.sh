#!/bin/bash
# The dns tier: live-DNS tests against a real authoritative server.
#
# Starts Knot DNS (Debian `knot`, installed if missing) on 127.0.0.1 at a free
# port with the project's own configuration (test/dns/knot.conf) and zones
# (test/fixtures/dns/, plus one RFC 7208 suite scenario as the root zone),
# runs `node --test out/test/dns/`, and stops Knot however the run ends.
# Needs `npm run compile` first; the language-server test also needs the
# bundle (`npm run build`), which is built here when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v knotd >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "dns tier: knotd is not installed; run as root or: apt-get install knot" >&2
    exit 1
  fi
  # The package's own service must not start and take port 53.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q knot >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
[ -f out/test/support/knotZones.js ] || { echo "dns tier: run 'npm run compile' first" >&2; exit 1; }
[ -f dist/server.js ] || node scripts/build.mjs >/dev/null

DIR=$(mktemp -d /tmp/mailzone-dns.XXXXXX)
KNOT_PID=
stop() {
  if [ -n "$KNOT_PID" ] && kill -0 "$KNOT_PID" 2>/dev/null; then
    kill "$KNOT_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$KNOT_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$KNOT_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap stop EXIT

# A port free for both UDP and TCP on loopback.
PORT=$(node -e '
const net = require("node:net"), dgram = require("node:dgram");
(async () => {
  for (let i = 0; i < 20; i++) {
    const tcp = net.createServer();
    await new Promise((r) => tcp.listen(0, "127.0.0.1", r));
    const port = tcp.address().port;
    const udp = dgram.createSocket("udp4");
    const ok = await new Promise((r) => { udp.once("error", () => r(false)); udp.bind(port, "127.0.0.1", () => r(true)); });
    tcp.close();
    if (ok) { udp.close(); console.log(port); return; }
  }
  process.exit(1);
})();')

mkdir -p "$DIR/run" "$DIR/db"
node out/test/support/knotZones.js "$DIR"
sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" test/dns/knot.conf > "$DIR/knot.conf"
knotc -c "$DIR/knot.conf" conf-check >/dev/null
knotd -c "$DIR/knot.conf" > "$DIR/knotd.log" 2>&1 &
KNOT_PID=$!

# Ready when every zone answers; polled from one process, which gives up if knotd exits or after 10 s.
if ! node -e '
const { Resolver } = require("node:dns").promises;
const [server, pid] = process.argv.slice(1);
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const ask = () => {
  const r = new Resolver({ timeout: 200, tries: 1 });
  r.setServers([server]);
  return Promise.all([...["example.test", "partner.test", "mail.test"].map((z) => r.resolveSoa(z)), r.resolveTxt("example.com")]);
};
(async () => {
  for (let i = 0; i < 100 && alive(); i++) {
    if (await ask().then(() => true, () => false)) process.exit(0);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.exit(1);
})();' "127.0.0.1:$PORT" "$KNOT_PID"; then
  echo "dns tier: knotd did not come up" >&2; cat "$DIR/knotd.log" >&2; exit 1
fi

MAILZONE_TEST_DNS="127.0.0.1:$PORT" node --test --test-reporter=spec --test-concurrency=1 out/test/dns/
