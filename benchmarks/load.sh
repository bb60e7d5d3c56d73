#!/usr/bin/env bash
# Load test of the packaged sample app (demo mode, ES256 key from a PEM file made here with
# openssl): /api/me (bearer) ÷ /api/ping (public) throughput in one run, with bearers taken
# round-robin from M distinct tokens (M = 1, 1,000 and 100,000; many users means many
# distinct tokens), minted with the app's key file as the app issues them, and with the
# verified-token cache off; plus login throughput. Needs wrk and openssl (Debian: apt-get
# install wrk openssl).
#
#   benchmarks/load.sh [seconds per measurement, default 8] [rounds, default 3]
#   PIN=1 benchmarks/load.sh ...   (app and load generator each on its own core)
#   WARMUP=30 benchmarks/load.sh ... (seconds of warm-up per endpoint, default 15)
#   STORE=redis benchmarks/load.sh ... (wx.login.store=redis, on a redis-server it starts;
#     then also Redis bytes per login, and the worst time over 100 logouts on one instance
#     until a second instance refuses the token)
#   COUNTS="1 1000" benchmarks/load.sh ... (the numbers of distinct tokens, default "1 1000 100000")
#   ONLY_REDIS_EXTRAS=1 STORE=redis benchmarks/load.sh   (those two figures only)
#
# Results are printed as Markdown rows for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-8}"
ROUNDS="${2:-3}"
WARMUP="${WARMUP:-15}"   # seconds of warm-up per endpoint
THREADS=2
CONNECTIONS=16
# PIN=1: the app on core 1, wrk on core 0 (less contention noise; measures the server's
# own cost per request on one core)
SERVER_CPU=""
CLIENT_CPU=""
if [ "${PIN:-0}" = 1 ] && command -v taskset >/dev/null; then
  SERVER_CPU="taskset -c 1"
  CLIENT_CPU="taskset -c 0"
  THREADS=1
  CONNECTIONS=8
fi
PORT=18090
JAR=$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -n "$JAR" ] || { ./mvnw -B -q -pl sample-app -am package -DskipTests; JAR=$(ls sample-app/target/sample-app-*.jar | head -1); }

COUNTS="${COUNTS:-1 1000 100000}"
WORK=$(mktemp -d)
KEY="$WORK/key.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$KEY" 2>/dev/null
APP_ID=wx-demo-sample
# distinct tokens signed with the app's key, as the app issues them (MintTokens)
./mvnw -B -q -pl wx-login-spring-boot-starter test-compile >/dev/null
mint() { # count -> file
  ./mvnw -B -q -pl wx-login-spring-boot-starter exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-cp %classpath io.github.wxlogin.benchmark.MintTokens $KEY $1 $APP_ID $WORK/tokens-$1.txt" >/dev/null
  echo "$WORK/tokens-$1.txt"
}

APP_PID=""
REDIS_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; APP_PID=""; }
stop_all() { stop_app; if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap stop_all EXIT

# STORE=redis: the app on wx.login.store=redis, with a redis-server of its own
STORE_ARGS=()
if [ "${STORE:-memory}" = redis ]; then
  command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)"; exit 1; }
  REDIS_PORT=16390
  $SERVER_CPU redis-server --port $REDIS_PORT --save "" --appendonly no >/tmp/wx-load-redis.log 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    redis-cli -p $REDIS_PORT ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  STORE_ARGS=(--wx.login.store=redis --spring.data.redis.port=$REDIS_PORT)
fi

start_app() {
  # the code2Session cap per app (100/s by default) would refuse most of the login load: this
  # measures throughput, not the abuse limit
  $SERVER_CPU java -Xms512m -Xmx1g -jar "$JAR" --server.port=$PORT --management.server.port=0 --logging.level.root=WARN \
    --wx.login.jwt.private-key=file:$KEY --wx.login.limits.code2session.max=1000000 "$@" >/tmp/wx-load-app.log 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "localhost:$PORT/api/ping" >/dev/null && return 0
    sleep 0.5
  done
  echo "app did not start"; cat /tmp/wx-load-app.log; exit 1
}


med() { # median of the arguments, rounded
  echo "$@" | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]}'
}

rps() { # wrk output -> requests/sec
  awk '/^Requests\/sec:/ {print $2}'
}

token() { # a fresh login's access token
  local code
  code=$(curl -sf -X POST "localhost:$PORT/demo/code" -H 'Content-Type: application/json' \
    -d '{"openid":"o-load-me"}' | sed 's/.*"code":"\([^"]*\)".*/\1/')
  curl -sf -X POST "localhost:$PORT/wx/login" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

me() { # token file, seconds -> /api/me requests/sec over its tokens, round-robin
  TOKENS="$1" $CLIENT_CPU wrk -t$THREADS -c$CONNECTIONS -d"${2}s" -s benchmarks/tokens.lua "http://localhost:$PORT/api/me" | rps
}

ping() { # seconds -> /api/ping requests/sec
  $CLIENT_CPU wrk -t$THREADS -c$CONNECTIONS -d"${1}s" "http://localhost:$PORT/api/ping" | rps
}

rounds() { # label, token file: ROUNDS alternating rounds of ping then me, each round's ratio and their median
  local label="$1" file="$2"
  local pings="" mes="" ratios=""
  for _ in $(seq 1 "$ROUNDS"); do
    local p m
    p=$(ping "$DURATION"); m=$(me "$file" "$DURATION")
    pings="$pings $p"; mes="$mes $m"
    ratios="$ratios $(awk -v a="$m" -v b="$p" 'BEGIN {printf "%.3f", a / b}')"
  done
  local median; median=$(echo $ratios | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "| $label | $(med $pings) | $(med $mes) | $(echo $ratios) | **$median** |"
}

echo "$CLIENT_CPU wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s per endpoint, $(nproc) cores, store ${STORE:-memory}"
echo
if [ "${ONLY_REDIS_EXTRAS:-0}" != 1 ]; then
echo "| bearer tokens | /api/ping req/s (median) | /api/me req/s (median) | me ÷ ping per round | median ratio |"
echo "|---|---|---|---|---|"
files=()
for m in $COUNTS; do files+=("$(mint "$m")"); done
# each set of tokens on an app started for it, so that the cache holds that set and no other
# (a cache of 100,000 that had seen the smaller sets first would hold 101,001 tokens); the
# warm-up gives the JIT time (C2 needs about 20 s of load on one core here), and each token is
# verified once, then served from the verified-token cache
n=0
for m in $COUNTS; do
  start_app "${STORE_ARGS[@]}"
  ping "$WARMUP" >/dev/null
  me "${files[$n]}" "$WARMUP" >/dev/null
  rounds "$m distinct (cache on, default)" "${files[$n]}"
  n=$((n + 1))
  if [ $n -lt $(echo $COUNTS | wc -w) ]; then stop_app; fi
done
login_out=$($CLIENT_CPU wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" -s benchmarks/login.lua "http://localhost:$PORT")
pairs=$(echo "$login_out" | rps)
refused=$(echo "$login_out" | grep -c "unexpected status" || true)
[ "$refused" = 0 ] || echo "WARNING: $refused login requests were not answered 200"
LOGINS=$(awk -v p="$pairs" 'BEGIN {printf "%.0f", p / 2}')
LOGIN_PING=$(ping "$DURATION")
stop_app

start_app --wx.login.jwt.verified-cache-size=0 "${STORE_ARGS[@]}"
ping "$WARMUP" >/dev/null
last="${files[$((n - 1))]}"
me "$last" "$WARMUP" >/dev/null
rounds "cache off, $(echo $COUNTS | awk '{print $NF}') distinct" "$last"
stop_app
echo
echo "logins (POST /demo/code + POST /wx/login against the embedded simulator): ${LOGINS}/s;" \
  "/api/ping right after: ${LOGIN_PING}/s; logins ÷ ping = $(awk -v a="$LOGINS" -v b="$LOGIN_PING" 'BEGIN {printf "%.4f", a / b}')"
fi

if [ "${STORE:-memory}" = redis ]; then
  command -v redis-cli >/dev/null || { echo "redis-cli is not installed (apt-get install redis-tools)"; exit 1; }
  rcli() { redis-cli -p $REDIS_PORT "$@"; }
  usage() { rcli MEMORY USAGE "$1" | tr -d '\r'; }
  # Redis bytes of one login: MEMORY USAGE of every key that one login writes
  rcli FLUSHALL >/dev/null
  start_app "${STORE_ARGS[@]}"
  token >/dev/null
  echo
  echo "Redis bytes of one login (MEMORY USAGE, fresh Redis, one POST /wx/login):"
  echo
  echo "| key | bytes |"
  echo "|---|---|"
  total=0; per_login=0
  for key in $(rcli --scan); do
    bytes=$(usage "$key")
    case "$key" in
      *"}:login"|*"}:logins") per_login=$((per_login + bytes)) ;;
    esac
    total=$((total + bytes))
    echo "| \`$(echo "$key" | sed -E 's/\{[A-Za-z0-9_-]{22}\}/{<sid>}/; s/code:.*/code:<digest>/')\` | $bytes |"
  done
  echo "| **the login (its hash + its entry in the user's logins)** | **$per_login** |"
  echo "| all keys written (with the user's session_key and the used code) | $total |"
  stop_app

  # Logout on A until B refuses the token: two instances on one Redis, one key file
  start_app "${STORE_ARGS[@]}"
  A_PID=$APP_PID; A_PORT=$PORT
  PORT=$((PORT + 1)); start_app "${STORE_ARGS[@]}"; B_PID=$APP_PID; B_PORT=$PORT
  PORT=$A_PORT; APP_PID=$A_PID
  stop_all() { kill "$B_PID" 2>/dev/null || true; stop_app; if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; fi; }
  worst=0; sum=0; n=100
  for i in $(seq 1 $n); do
    tok=$(token)
    curl -sf -o /dev/null -H "Authorization: Bearer $tok" "localhost:$B_PORT/api/me" || { echo "B refused a fresh token"; exit 1; }
    start=$(date +%s%N)
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $tok" "localhost:$A_PORT/wx/logout"
    while [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "localhost:$B_PORT/api/me")" != 401 ]; do
      :
    done
    took=$(( ($(date +%s%N) - start) / 1000000 ))
    sum=$((sum + took)); [ $took -gt $worst ] && worst=$took
  done
  kill $B_PID 2>/dev/null || true; wait $B_PID 2>/dev/null || true
  APP_PID=$A_PID
  echo
  echo "logout on instance A until instance B answers 401 (from POST /wx/logout sent to B's 401 seen, curl): worst ${worst} ms, mean $((sum / n)) ms over $n logouts"
  stop_app
fi
