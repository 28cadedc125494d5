#!/usr/bin/env bash
# Installs the test editor: the pinned code-server (a real VS Code whose extension host runs on
# Node) into .editor/ at the repo root, plus its Debian prerequisites, Debian's Chromium and ffmpeg.
# Idempotent: when everything is already there a run takes well under a second or two.
# Offline apart from the npm registry and Debian's archive (see shared/testing/REAL-EDITOR.md).
#
#   bash test/editor/setup.sh            install what is missing
#   bash test/editor/setup.sh --check    exit 0 if installed, 1 if not (installs nothing)
#   bash test/editor/setup.sh --force    reinstall code-server
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11          # @vscode/ripgrep version inside code-server 4.100.3
RIPGREP_ASSET_VERSION=v13.0.0-10       # the asset that version would download
# ffmpeg: the real encoder of the tests, and the HLS writer of the fake API's ingest.
APT_PACKAGES=(build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev
  libsecret-1-dev ripgrep chromium fonts-liberation fonts-noto-color-emoji fonts-noto-cjk ffmpeg)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
EDITOR_DIR="$ROOT/.editor"
STAMP="$EDITOR_DIR/code-server-$CODE_SERVER_VERSION.ok"
BIN="$EDITOR_DIR/node_modules/code-server/out/node/entry.js"

mode=install
case "${1:-}" in
  --check) mode=check ;;
  --force) mode=force ;;
  "") ;;
  *) echo "usage: $0 [--check|--force]" >&2; exit 2 ;;
esac

log() { printf '[setup] %s\n' "$*" >&2; }

missing_apt() {
  local p status
  for p in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [[ $status == ii* ]] || printf '%s\n' "$p"
  done
}

code_server_ok() {
  [[ -f $STAMP && -f $BIN ]] &&
    grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$EDITOR_DIR/node_modules/code-server/package.json"
}

mapfile -t missing < <(missing_apt)

if [[ $mode == check ]]; then
  [[ ${#missing[@]} -eq 0 ]] && code_server_ok && exit 0
  exit 1
fi

# --- Debian packages -------------------------------------------------------------------------
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { log "need root to apt-get install: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server --------------------------------------------------------------------------------
mkdir -p "$EDITOR_DIR"
# One install at a time (two engineers or two npm scripts may start this together).
exec 9>"$EDITOR_DIR/.lock"
flock 9

if [[ $mode != force ]] && code_server_ok; then
  exit 0
fi

log "installing code-server@$CODE_SERVER_VERSION into .editor/ (about a minute)"
started=$SECONDS
rm -rf "$EDITOR_DIR/node_modules" "$EDITOR_DIR/package-lock.json" "$STAMP"
cat >"$EDITOR_DIR/package.json" <<JSON
{ "name": "rtk-test-editor", "private": true, "description": "code-server for tests; installed by test/editor/setup.sh" }
JSON

# 1. @vscode/ripgrep would download rg from GitHub unless its cache holds the asset: put Debian's there.
tmp=$(node -p 'require("os").tmpdir()')
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) log "unsupported architecture $(uname -m)"; exit 1 ;;
esac
rg_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
rg_asset="$rg_cache/ripgrep-$RIPGREP_ASSET_VERSION-$rg_target.tar.gz"
if [[ ! -s $rg_asset ]]; then
  mkdir -p "$rg_cache"
  rg_stage=$(mktemp -d)
  cp "$(command -v rg)" "$rg_stage/rg"
  tar -czf "$rg_asset.tmp" -C "$rg_stage" rg
  mv "$rg_asset.tmp" "$rg_asset"
  rm -rf "$rg_stage"
fi

# 2./3. Nested under `npm test`, npm's own per-script variables (local prefix, lifecycle, package
# fields) would point this install at the extension's folder: drop them, keep the user's registry,
# cache and proxy settings.
while IFS= read -r var; do
  case "$var" in
    npm_config_registry|npm_config_cache|npm_config_userconfig|npm_config_globalconfig|\
    npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|npm_config_cafile|npm_config_strict_ssl) ;;
    npm_*|NPM_*) unset "$var" ;;
  esac
done < <(compgen -e)

(
  cd "$EDITOR_DIR"
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
    npm install --prefix "$EDITOR_DIR" --no-audit --no-fund --save-exact --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
)
[[ -f $BIN ]] || { log "code-server install incomplete: $BIN missing"; exit 1; }
# The postinstall builds native modules; a silent failure there shows up as a missing rg or pty.
[[ -x $EDITOR_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]] ||
  { log "ripgrep missing from code-server's install"; exit 1; }
touch "$STAMP"
log "code-server ready in $((SECONDS - started)) s"
