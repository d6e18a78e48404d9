#!/bin/sh
# CI step: audit the reports with the command line; fail only on findings the baseline does
# not accept, and keep a SARIF log (code-scanning views) and an HTML report as artefacts.
#   sh examples/pipeline/ci-step.sh [ARTEFACT_DIR]
set -u
cd "$(dirname "$0")"
out="${1:-audit-artefacts}"
mkdir -p "$out"
auditor check ../reports --baseline audit-baseline.json --format sarif --output "$out/audit.sarif"
auditor check ../reports --baseline audit-baseline.json --output "$out/audit.html"
auditor check ../reports --baseline audit-baseline.json --severity warning  # this exit status is the step's
