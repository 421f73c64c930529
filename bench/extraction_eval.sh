#!/usr/bin/env bash
# Extract every article of a dev folder and score it against its gold files.
#   bench/extraction_eval.sh [DEV_DIR] [MIN_FACTS_F1]
# DEV_DIR defaults to ../shared/eval/dev (relative to the repository), MIN_FACTS_F1 to 0.88.
# Exits non-zero when the "facts F1" line is below the threshold (or scoring fails).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dev="${1:-$here/../shared/eval/dev}"
threshold="${2:-0.88}"
python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python=python3
score="${SCORE:-$(dirname "$dev")/score.py}"
[ -d "$dev" ] || { echo "no dev folder: $dev" >&2; exit 2; }
[ -f "$score" ] || { echo "no score.py next to the dev folder: $score" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$here" && "$python" bench/extract_dir.py "$dev" "$out")
report="$("$python" "$score" --gold "$dev" --pred "$out")"
echo "$report"
f1="$(echo "$report" | sed -n 's/^facts F1: \([0-9.]*\).*/\1/p')"
[ -n "$f1" ] || { echo "no 'facts F1' line in the score output" >&2; exit 1; }
if "$python" -c "import sys; sys.exit(0 if float('$f1') >= float('$threshold') else 1)"; then
  echo "facts F1 $f1 >= $threshold: ok"
else
  echo "facts F1 $f1 < $threshold: FAIL" >&2
  exit 1
fi
