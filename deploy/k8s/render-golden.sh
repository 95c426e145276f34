#!/usr/bin/env bash
# Renders the kustomize base and overlays with the real kustomize (kubectl kustomize, kustomize v5)
# into deploy/src/test/resources/kustomize/, the golden files that the deploy module's
# RenderedManifestsTest compares its own renderer with. Run it after changing anything under
# deploy/k8s, and review the diff.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../src/test/resources/kustomize"
command -v kubectl >/dev/null || { echo "render-golden: kubectl (with kustomize v5) is needed" >&2; exit 1; }
for name in base dev production; do
  if [ "$name" = base ]; then dir="$here/base"; else dir="$here/overlays/$name"; fi
  kubectl kustomize "$dir" > "$out/$name.yaml"
  echo "render-golden: $out/$name.yaml"
done
