#!/usr/bin/env bash
# /api/me ÷ /api/ping of the memory store and of the Redis store side by side: both sample
# apps run at once (one on wx.login.store=memory, one on redis with a redis-server of its
# own), and the rounds alternate between them, so that both see the same machine load (on a
# shared machine the load changes more between two runs of load.sh than the stores differ).
#
#   benchmarks/store-compare.sh [seconds per measurement, default 8] [rounds, default 5]
#   WARMUP=15 (seconds of warm-up per app and endpoint)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-8}"
ROUNDS="${2:-5}"
WARMUP="${WARMUP:-15}"
THREADS=2
CONNECTIONS=16
JAR=$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)"; exit 1; }
[ -n "$JAR" ] || { ./mvnw -B -q -pl sample-app -am package -DskipTests; JAR=$(ls sample-app/target/sample-app-*.jar | head -1); }

REDIS_PORT=16391
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
redis-server --port $REDIS_PORT --save "" --appendonly no >/tmp/wx-compare-redis.log 2>&1 &
PIDS+=($!)

start_app() { # port, args...
  local port="$1"; shift
  java -Xms256m -Xmx512m -jar "$JAR" --server.port="$port" --logging.level.root=WARN "$@" >/tmp/wx-compare-$port.log 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    curl -sf "localhost:$port/api/ping" >/dev/null && return 0
    sleep 0.5
  done
  echo "app on $port did not start"; cat /tmp/wx-compare-$port.log; exit 1
}

token() { # port
  local code
  code=$(curl -sf -X POST "localhost:$1/demo/code" -H 'Content-Type: application/json' \
    -d '{"openid":"o-load-me"}' | sed 's/.*"code":"\([^"]*\)".*/\1/')
  curl -sf -X POST "localhost:$1/wx/login" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

rps() { awk '/^Requests\/sec:/ {print $2}'; }
median() { echo "$@" | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

MEMORY=18092
REDIS=18093
start_app $MEMORY
start_app $REDIS --wx.login.store=redis --spring.data.redis.port=$REDIS_PORT
TOKEN_MEMORY=$(token $MEMORY)
TOKEN_REDIS=$(token $REDIS)
for port in $MEMORY $REDIS; do
  tok=$TOKEN_MEMORY; [ $port = $REDIS ] && tok=$TOKEN_REDIS
  wrk -t$THREADS -c$CONNECTIONS -d"${WARMUP}s" "http://localhost:$port/api/ping" >/dev/null
  wrk -t$THREADS -c$CONNECTIONS -d"${WARMUP}s" -H "Authorization: Bearer $tok" "http://localhost:$port/api/me" >/dev/null
done

ratios_memory=""; ratios_redis=""
for _ in $(seq 1 "$ROUNDS"); do
  for port in $MEMORY $REDIS; do
    tok=$TOKEN_MEMORY; [ $port = $REDIS ] && tok=$TOKEN_REDIS
    ping=$(wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" "http://localhost:$port/api/ping" | rps)
    me=$(wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" -H "Authorization: Bearer $tok" "http://localhost:$port/api/me" | rps)
    ratio=$(awk -v a="$me" -v b="$ping" 'BEGIN {printf "%.3f", a / b}')
    if [ $port = $MEMORY ]; then ratios_memory="$ratios_memory $ratio"; else ratios_redis="$ratios_redis $ratio"; fi
  done
done
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS alternating rounds of ${DURATION}s per endpoint and store, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| store | me ÷ ping per round | median ratio |"
echo "|---|---|---|"
echo "| memory |$ratios_memory | **$(median $ratios_memory)** |"
echo "| redis (mirror) |$ratios_redis | **$(median $ratios_redis)** |"
