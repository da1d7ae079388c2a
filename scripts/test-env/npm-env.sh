# Sourced by the install scripts: a nested `npm install` that must not inherit
# what an outer `npm test` or `npm run …` exported.
#
# npm exports its whole configuration, the running script's lifecycle and the
# package's fields as npm_* variables, plus NODE and INIT_CWD. A nested npm
# reads them as if they were its own settings. The one that broke a fresh
# install: npm_config_user_agent names the outer Node ("node/v20"), and
# code-server's postinstall reads the Node version from it and refuses to run
# under anything but Node 24. Others could move the install: npm_config_prefix,
# npm_config_local_prefix, npm_config_global_prefix, npm_config_nodedir,
# npm_config_node_gyp, npm_config_ignore_scripts, npm_config_omit.
#
# What stays is where the registry is and how to reach it (registry, CA,
# proxies, credentials, the user's and global npmrc files, the cache): the
# nested npm would read the same values from those files, but a machine that
# passes them only in the environment must keep them.

# npm_keep NAME: true when an npm_* variable belongs to the nested install too.
npm_keep() {
  case "$1" in
    npm_config_registry | npm_config_*_registry | npm_config_cafile | npm_config_ca | \
      npm_config_cert | npm_config_key | npm_config_strict_ssl | \
      npm_config_proxy | npm_config_https_proxy | npm_config_http_proxy | npm_config_noproxy | \
      npm_config_userconfig | npm_config_globalconfig | npm_config_cache | \
      npm_config__auth* | npm_config_*_authtoken | npm_config_*__authtoken) return 0 ;;
    *) return 1 ;;
  esac
}

# npm_clean_env: prints `-u NAME` for each inherited variable a nested install must not see, for env(1).
npm_clean_env() {
  local name
  while IFS= read -r name; do
    case "$name" in
      npm_*) npm_keep "$name" || printf '%s\n' "-u" "$name" ;;
      NODE | INIT_CWD) printf '%s\n' "-u" "$name" ;;
    esac
  done < <(compgen -e)
}

# clean_env [NAME=VALUE...] COMMAND ARGS...: runs COMMAND without the inherited
# npm variables; the assignments given here are set after the clean-up, so a
# caller can still hand the nested npm settings of its own.
clean_env() {
  local unset=()
  mapfile -t unset < <(npm_clean_env)
  env "${unset[@]}" "$@"
}

# with_progress LABEL COMMAND ARGS...: runs a long, quiet command and says every
# 20 seconds that it is still running, so a first run does not look hung. The
# ticker is a child of this shell and ends with the command, whatever its status.
with_progress() {
  local label="$1" started=$SECONDS status=0 ticker
  shift
  ( while sleep 20; do echo "[test-env] $label: still running ($((SECONDS - started)) s)" >&2; done ) &
  ticker=$!
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  echo "[test-env] $label: done in $((SECONDS - started)) s" >&2
  return "$status"
}
