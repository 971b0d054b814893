#!/usr/bin/env bash
# Load test of `tiaowen serve` on loopback: the dev queries as the workload, bounded wrk
# runs at concurrency 1, 8 and 64, and the server's memory (RSS) after each run.
# Usage: crates/api/bench/load.sh [SECONDS]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds="${1:-15}"
port=18080
binary=target/release/tiaowen
[ -x "$binary" ] || cargo build --release -p tiaowen-cli
"$binary" serve --addr "127.0.0.1:$port" >/dev/null 2>/tmp/tiaowen-load.log &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
echo "server ready, RSS $(rss)"
for connections in 1 8 64; do
  threads=$(( connections < 2 ? 1 : 2 ))
  echo "== concurrency $connections"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
    -s crates/api/bench/queries.lua "http://127.0.0.1:$port" |
    grep -E "Requests/sec|Latency|50%|99%|Non-2xx|errors"
  echo "RSS after run: $(rss)"
done
