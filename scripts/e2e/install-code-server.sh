#!/bin/bash
# Installs code-server (VS Code 1.100.3 served to a browser) from the npm
# registry into .vscode-test/code-server, so the e2e suite and `npm start` can
# run a real VS Code without downloading anything from outside npm and Debian.
#
# Needs the Debian packages below; print them with `--print-apt-packages`:
#   apt-get update && apt-get install -y $(scripts/e2e/install-code-server.sh --print-apt-packages)
set -euo pipefail

APT_PACKAGES="build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep chromium"
CODE_SERVER_VERSION=4.100.3
# the version of @vscode/ripgrep that code-server 4.100.3 depends on: its cache folder is named after it
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

if [ "${1:-}" = "--print-apt-packages" ]; then echo "$APT_PACKAGES"; exit 0; fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:-$ROOT/.vscode-test/code-server}"
BIN="$DEST/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ -f "$DEST/.installed-$CODE_SERVER_VERSION" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $DEST"
  exit 0
fi

missing=""
for tool in rg cc make python3 pkg-config /usr/bin/chromium; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
# the libraries the native modules are built against have no command to look for
if command -v dpkg-query >/dev/null 2>&1; then
  for package in $APT_PACKAGES; do
    case "$package" in lib*) dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package" ;; esac
  done
fi
if [ -n "$missing" ]; then
  echo "missing:$missing -- install the Debian packages first:" >&2
  echo "  apt-get update && apt-get install -y $APT_PACKAGES" >&2
  exit 2
fi

mkdir -p "$DEST/tmp"
export TMPDIR="$DEST/tmp"

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the
# tarball in its cache under $TMPDIR: seed the cache with Debian's rg.
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$RG_CACHE/stage"
cp "$(command -v rg)" "$RG_CACHE/stage/rg"
tar czf "$RG_CACHE/$RIPGREP_TARBALL" -C "$RG_CACHE/stage" rg

cd "$DEST"
[ -f package.json ] || echo '{"name":"oewg-cite-code-server","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which would otherwise ask.
# nodedir: build native modules against the installed Node headers instead of downloading them.
echo "installing code-server $CODE_SERVER_VERSION into $DEST (about a minute) ..."
npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
  npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"

test -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg
# code-server writes a config file into the user's config folder on every start: keep it in ours
XDG_CONFIG_HOME="$TMPDIR/config" "$BIN" --version
rm -rf "$TMPDIR"
touch "$DEST/.installed-$CODE_SERVER_VERSION"
