#!/usr/bin/env bash
# Wall time of `make run` on a fresh clone until the home page answers, then of a second run.
# Usage: benchmarks/setup_time.sh [port]   (clones the current HEAD into a temporary folder)
set -euo pipefail
port="${1:-8123}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'pkill -f "runserver 127.0.0.1:$port" || true; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"

time_run() {
    local start end
    start=$(date +%s.%N)
    PORT="$port" make run >"$work/run.log" 2>&1 &
    for _ in $(seq 1 1200); do
        curl -s -o /dev/null "http://127.0.0.1:$port/fr/" && break
        sleep 0.25
    done
    end=$(date +%s.%N)
    pkill -f "runserver 127.0.0.1:$port" || true
    sleep 1
    echo "$end - $start" | bc
}

echo "first make run (fresh clone): $(time_run) s"
echo "second make run:              $(time_run) s"
