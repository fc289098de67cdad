#!/usr/bin/env bash
# Load test of `bookstore serve` on loopback (issue 14): 64 connections for 60 s per route with wrk, bounded in
# time and count; prints wrk's report (requests/s, latency distribution, non-2xx answers) for each route.
#   benchmarks/http-load.sh DB_URL MODELS_DIR [SECONDS] [CONNECTIONS]
# Each route is first warmed with the same connections for HTTP_LOAD_WARMUP seconds (default 5), not counted.
# Needs wrk (apt-get install -y wrk) and bookstore-examples/target/bookstore.jar (./bookstore builds it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=$1; models=$2; seconds=${3:-60}; connections=${4:-64}; warmup=${HTTP_LOAD_WARMUP:-5}
port=$((20000 + RANDOM % 10000))
from=2025-10-01; to=2025-12-31
java ${BOOKSTORE_JAVA_OPTS:-} -jar bookstore-examples/target/bookstore.jar serve --db "$db" --models "$models" \
    --port "$port" > /tmp/bookstore-load-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 1
done
base="http://127.0.0.1:$port"
curl -sf "$base/metrics/sales?from=$from&to=$to" >/dev/null    # the cached metric: computed once
echo "uptime before: $(uptime)"
run() {
    echo "=== $1"
    shift
    wrk -t2 -c"$connections" -d"${warmup}s" "$@" >/dev/null    # warm-up (JIT), not counted
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@"
}
run "POST /predict/churn (features in the body, top 5 contributions)" -s benchmarks/http/predict_churn.lua "$base/predict/churn"
run "POST /predict/churn?top=0 (features in the body, probability only)" -s benchmarks/http/predict_churn.lua "$base/predict/churn?top=0"
run "GET /recommend" "$base/recommend?customer_id=CUST_1&k=10"
run "GET /metrics/sales (cached)" "$base/metrics/sales?from=$from&to=$to"
echo "uptime after: $(uptime)"
