#!/usr/bin/env bash
# Installs what the test tiers need and the repository cannot carry:
# Debian packages (Knot DNS, BIND's named-checkzone, Neovim, Emacs with
# eglot, pre-commit and git, patch and script for the CLI's tests, Postfix
# for the smtp tier, Chromium, the Kerberos headers code-server's native
# module builds against, and curl and procps, which the VS Code server
# launcher polls and stops with), then the
# VS Code server used for the offline extension tests, in a cache folder
# outside the repository. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# command → Debian package that provides it
declare -A NEEDED=(
  [knotd]=knot
  [kdig]=knot-dnsutils
  [named-checkzone]=bind9-utils
  [dig]=bind9-dnsutils
  [nvim]=neovim
  [emacs]=emacs-nox
  [pre-commit]=pre-commit
  [git]=git
  [patch]=patch
  [script]=bsdutils
  [chromium]=chromium
  [krb5-config]=libkrb5-dev
  [curl]=curl
  [pgrep]=procps
  [postfix]=postfix
  [ps]=procps
)
missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done
# eglot is an Emacs package, not a command: look for its source file.
ls /usr/share/emacs/site-lisp/elpa-src/eglot-*/eglot.el >/dev/null 2>&1 || missing+=(elpa-eglot)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    exit 2
  fi
  echo "install-test-deps: installing ${missing[*]}"
  apt-get update -qq
  # The smtp tier runs its own Postfix: "No configuration" writes no /etc/postfix/main.cf, so the
  # package starts no system instance on port 25.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(printf "%s\n" "${missing[@]}" | sort -u) >/dev/null
fi

if [ -x scripts/test-env/vscode-server.sh ] || [ -f scripts/test-env/vscode-server.sh ]; then
  bash scripts/test-env/vscode-server.sh
fi
