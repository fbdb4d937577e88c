#!/usr/bin/env bash
# Smoke-test a built bundle offscreen: version, then a check of the bundled sample draft.
set -euo pipefail
bundle=${1:-dist/proofdesk}
export QT_QPA_PLATFORM=offscreen
tmp=$(mktemp -d)
export PROOFDESK_CONFIG_DIR="$tmp/config" PROOFDESK_DATA_DIR="$tmp/data"
"$bundle/proofdesk" --version
sample="$bundle/_internal/proofdesk/resources/samples/scraped-story.txt"
set +e
"$bundle/proofdesk" check --format json --languagetool off "$sample" > "$tmp/out.json"
rc=$?
set -e
# Exit 1 only means error-level findings were reported; 2 or more is a failure.
if [ "$rc" -ge 2 ]; then echo "bundle check failed with exit $rc" >&2; exit 1; fi
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); n=len(d['files'][0]['findings']); print(f'bundle check: {n} findings'); sys.exit(0 if n else 1)" "$tmp/out.json"
rm -rf "$tmp"
