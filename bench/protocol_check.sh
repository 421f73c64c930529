#!/usr/bin/env bash
# Run the black-box SPARQL 1.1 Protocol checker (../shared/harness/protocol_check.py)
# against a live `kg serve` on the bundled example, three times: read-only; read-only with
# the checker's fixture; and with writes enabled (KG_UPDATE_TOKEN, on a scratch copy of
# the store: SPARQL Update and Graph Store writes). Exits non-zero if any check fails.
#   bash bench/protocol_check.sh [EXTRA CHECKER ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
CHECKER=${CHECKER:-../shared/harness/protocol_check.py}
work=$(mktemp -d)
port=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$BIN/kg" ingest examples/ --store "$work/store" --quiet
cp -r "$work/store" "$work/store-w"  # the write run's scratch copy (copied before anything opens the store)
"$BIN/kg" serve --store "$work/store" --port "$port" >"$work/server.log" 2>&1 &
pid=$!
wpid=
trap 'kill $pid $wpid 2>/dev/null || true; wait $pid $wpid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_up() {
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "http://127.0.0.1:$1/sparql?query=ASK%7B%7D" 2>/dev/null && return 0
        sleep 0.1
    done
}
wait_up "$port"

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

# Writes: a second server on the scratch copy, with an update token (a throw-away one).
echo "== protocol check: writes enabled (SPARQL Update + Graph Store writes, bearer token), strict"
token=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(24))')
wport=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KG_UPDATE_TOKEN="$token" "$BIN/kg" serve --store "$work/store-w" --port "$wport" >"$work/server-w.log" 2>&1 &
wpid=$!
wait_up "$wport"
wurl="http://127.0.0.1:$wport"
"$BIN/python" "$CHECKER" --endpoint "$wurl/sparql" --update-endpoint "$wurl/sparql" --gsp "$wurl/store" \
    --gsp-write --write-header "Authorization: Bearer $token" --strict "$@" >"$work/check3.log" || status=$?
grep -E "^(FAIL|[0-9]+ passed)" "$work/check3.log" || cat "$work/check3.log"
if ! kill -0 $wpid 2>/dev/null; then
    echo "the writing server died during the check; its log:"; cat "$work/server-w.log"; status=1
fi
exit $status
