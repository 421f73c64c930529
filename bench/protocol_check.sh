#!/usr/bin/env bash
# Run the black-box SPARQL 1.1 Protocol checker (../shared/harness/protocol_check.py)
# against a live `kg serve` on the bundled example. Exits non-zero if any check fails.
#   bash bench/protocol_check.sh [EXTRA CHECKER ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
CHECKER=${CHECKER:-../shared/harness/protocol_check.py}
work=$(mktemp -d)
port=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$BIN/kg" ingest examples/ --store "$work/store" --quiet
"$BIN/kg" serve --store "$work/store" --port "$port" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/sparql?query=ASK%7B%7D" 2>/dev/null && break
    sleep 0.1
done

status=0
echo "== protocol check: query endpoint + Graph Store (read-only), strict, hostile probes on"
"$BIN/python" "$CHECKER" --endpoint "http://127.0.0.1:$port/sparql" --gsp "http://127.0.0.1:$port/store" \
    --gsp-readonly --strict "$@" >"$work/check.log" || status=$?
grep -E "^(FAIL|[0-9]+ passed)" "$work/check.log" || cat "$work/check.log"
if ! kill -0 $pid 2>/dev/null; then
    echo "the server died during the check; its log:"; cat "$work/server.log"; status=1
fi

# The dataset tests need the checker's own fixture graphs in a (read-only) store.
echo "== protocol check: with the checker's fixture loaded (dataset tests), strict"
"$BIN/python" "$CHECKER" --emit-fixture "$work/fixture.nq" >/dev/null
"$BIN/python" scripts/serve_for_check.py --fixture "$work/fixture.nq" --check "$CHECKER" --gsp -- \
    --strict --gsp-readonly --assume-fixture "$@" >"$work/check2.log" 2>&1 || status=$?
grep -E "^(FAIL|[0-9]+ passed)" "$work/check2.log" || cat "$work/check2.log"
exit $status
