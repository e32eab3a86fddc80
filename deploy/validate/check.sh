#!/usr/bin/env bash
# Validates the deployment files offline (CI runs it on every run): renders the kustomize base and every overlay with
# `kubectl kustomize` and checks each object against the Kubernetes API schemas and the service's rules, then checks
# compose.yaml and the collector configuration it mounts, and the hosted-CI workflow (.github/workflows/ci.yml), which
# cannot run here. Needs kubectl, node and npm.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
for kustomization in ../k8s/base ../k8s/overlays/*/; do
  name="$(basename "$kustomization")"
  echo "-- kustomize $name"
  kubectl kustomize "$kustomization" > "$rendered/$name.yaml"
  node validate.mjs kubernetes "$rendered/$name.yaml"
done

echo "-- compose"
node validate.mjs compose ../compose.yaml

echo "-- hosted-CI workflow"
node validate.mjs github-workflow ../../.github/workflows/ci.yml
