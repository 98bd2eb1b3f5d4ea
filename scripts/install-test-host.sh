#!/usr/bin/env bash
# Installs the real VS Code test host outside git: Debian packages (chromium + what code-server's
# native modules need), a Node 24 binary (from the npm package node@24) and code-server (which
# contains VS Code itself). Idempotent: every step is skipped when its result is already present.
#
#   scripts/install-test-host.sh          install what is missing, print the host's paths
#   TEST_HOST_CACHE=/some/dir ...         use another cache folder
#
# Prints, as its last line, `TEST_HOST_CACHE=<dir>`; test/harness/host.mjs finds the same folder.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE="${TEST_HOST_CACHE:-$HOME/.cache/azure-ai-auth-doctor/test-host}"
NODE_DIR="$CACHE/node24"
NODE_BIN="$NODE_DIR/node_modules/node/bin"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_MARKER="$CS_DIR/.installed"
# pre-commit: the real tool for the pre-commit hook suite (test/unit/precommit.test.ts).
DEBIAN_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3 git pre-commit)

log() { printf '[test-host] %s\n' "$*"; }
mkdir -p "$CACHE"

# Run from `npm test` (Node 20), this script inherits npm's per-run environment: npm_config_user_agent
# ("npm/11 node/v20 ..."), npm_node_execpath, npm_config_node_gyp/nodedir, npm_package_*. The nested
# installs below run under Node 24, and code-server's postinstall reads the Node version from
# $npm_config_user_agent ("code-server currently requires node v24. We have detected ... node v20"),
# so everything npm set for the outer run is dropped. Kept: the user's own npm settings (registry,
# proxy, CA, cache and config-file locations), which npm rereads from its config files anyway.
if [ -n "${npm_node_execpath:-}" ] && [ "${NODE:-}" = "$npm_node_execpath" ]; then unset NODE; fi
for var in $(compgen -e); do
  case "$var" in
  npm_config_registry | npm_config_userconfig | npm_config_globalconfig | npm_config_cache | npm_config_cafile | \
    npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl) ;;
  npm_*) unset "$var" ;;
  esac
done

# 1. Debian packages (only those missing; needs root or sudo when something is missing).
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${DEBIAN_PACKAGES[*]}"
fi

# 2. Node 24 (code-server refuses other majors).
if [ -x "$NODE_BIN/node" ] && "$NODE_BIN/node" --version | grep -q '^v24\.'; then
  log "Node $("$NODE_BIN/node" --version) present in $NODE_DIR"
else
  log "installing Node 24 (npm package node@24) into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  echo '{"private":true}' >"$NODE_DIR/package.json"
  # node@24's own install script places the binary; npm >= 11.17 blocks dependency scripts unless allowed.
  npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error node@24
  "$NODE_BIN/node" --version >/dev/null
fi

# 3. code-server with its native modules, built by Node 24.
if [ -f "$CS_MARKER" ]; then
  log "code-server $CODE_SERVER_VERSION present in $CS_DIR"
else
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (builds native modules; takes a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  echo '{"private":true}' >"$CS_DIR/package.json"
  started=$SECONDS
  # code-server's postinstall runs `npm install --omit=dev` in lib/vscode, whose packages (spdlog,
  # sqlite3, kerberos, ...) have their own install scripts: the environment variable reaches those
  # nested npm runs too, where a package.json allowScripts entry would not.
  PATH="$NODE_BIN:$PATH" npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$CS_DIR" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  entry="$CS_DIR/node_modules/code-server/out/node/entry.js"
  [ -f "$entry" ] || { log "code-server entry missing: $entry"; exit 1; }
  spdlog="$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
  [ -f "$spdlog" ] || { log "code-server's native modules were not built ($spdlog missing)"; exit 1; }
  "$NODE_BIN/node" "$entry" --version >/dev/null
  touch "$CS_MARKER"
  log "code-server installed in $((SECONDS - started)) s"
fi

log "code-server $("$NODE_BIN/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version | head -1)"
echo "TEST_HOST_CACHE=$CACHE"
