#!/usr/bin/env bash
# Token → identity over HTTP with 1,000,000 identities loaded, next to a plaintext Vert.x ceiling.
#
#   perf/identity-bench.sh                    # 1M identities, 20,000 distinct tokens, 1 round
#   ROUNDS=2 COUNT=1000000 TOKENS=50000 perf/identity-bench.sh
#
# Steps: a fresh database on PostgreSQL (PGHOST:PGPORT); the gateway starts once to migrate it and
# stops; COUNT CoreIdentities with entraObjectId are inserted directly by SQL (generate_series);
# the gateway starts again and warm-loads them (time from its log and iamcore_index_load_seconds);
# BenchTokens mints TOKENS user tokens (file JWKS) for oids spread over the loaded identities; then
# per round: wrk against GET /iamcore/identities/me cycling through the tokens, then wrk against a
# bare Vert.x plaintext server (perf/tools/Plaintext.java, same jar, same event-loop count) twice:
# with a bare GET, and with /me's exact requests (the same bearer headers), each after a warm-up. In-gateway latency comes from the gateway's http_server_requests_seconds
# histogram for the route (delta over the measured run). Results: perf/results/identity-<stamp>.md.
#
# Knobs: COUNT (1000000) TOKENS (20000) ROUNDS (1) DURATION (20s) WARMUP (30s, before round 1 of each
#   target; WARMUP_EVERY=1: before every round) THREADS (2) CONNS (64)
#   BENCH_JAR (target/iamcore-gateway.jar, built if missing) LOOPS (event loops, = nproc)
#   JAVA_OPTS for the gateway (default -Xms2g -Xmx2g) PROFILE (1: async-profiler CPU samples of the gateway during the first
#   measured /me run, summary of hottest frames) KEEP_DB (0) REUSE_DB (name of a database a KEEP_DB=1 run
#   left with the same COUNT: skips the migration and the insert)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COUNT="${COUNT:-1000000}"
TOKENS="${TOKENS:-20000}"
ROUNDS="${ROUNDS:-1}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-30s}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
LOOPS="${LOOPS:-$(nproc)}"
PROFILE="${PROFILE:-0}"
WARMUP_EVERY="${WARMUP_EVERY:-0}"
KEEP_DB="${KEEP_DB:-0}"
GW_JAVA_OPTS="${JAVA_OPTS:--Xms2g -Xmx2g}"
PGHOST="${PGHOST:-127.0.0.1}"; PGPORT="${PGPORT:-5432}"; PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)
AUDIENCE="api://iamcore-bench"
TENANT="7d3c2b1a-0000-4000-8000-00000000be4c"
ROUTE="/iamcore/identities/me"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="/tmp/identity-bench-$STAMP"
mkdir -p "$WORK" "$ROOT/perf/results"
RESULT_MD="$ROOT/perf/results/identity-$STAMP.md"
DB="${REUSE_DB:-ib_${STAMP,,}}"
REUSE_DB="${REUSE_DB:-}"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
for tool in wrk java psql curl python3; do command -v "$tool" >/dev/null || die "$tool is not installed (wrk: apt-get install -y wrk)"; done

GW_PID=""; PT_PID=""
stop_pid() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_pid "$GW_PID"; stop_pid "$PT_PID"
  [[ "$KEEP_DB" == 1 ]] || "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  [[ $rc -eq 0 ]] || log "exit $rc; logs and wrk output are in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL is not up on $PGHOST:$PGPORT"
AP_VERSION="4.1"; AP_LIB=""
if [[ "$PROFILE" == 1 ]]; then
  # async-profiler from Maven Central (JFR's own sampling roughly halved the gateway's rate here)
  mvn -B -q dependency:copy "-Dartifact=tools.profiler:async-profiler:$AP_VERSION" "-DoutputDirectory=$WORK/ap" \
    || die "could not fetch tools.profiler:async-profiler:$AP_VERSION"
  case "$(uname -m)" in x86_64) AP_ARCH=linux-x64 ;; aarch64) AP_ARCH=linux-arm64 ;; *) die "no async-profiler for $(uname -m)" ;; esac
  (cd "$WORK/ap" && unzip -q -o "async-profiler-$AP_VERSION.jar" "$AP_ARCH/libasyncProfiler.so")
  AP_LIB="$WORK/ap/$AP_ARCH/libasyncProfiler.so"
fi
SRC_JAR="${BENCH_JAR:-$ROOT/target/iamcore-gateway.jar}"
[[ -f "$SRC_JAR" ]] || (mvn -B -q package -Dmaven.test.skip=true) || die "build failed"
JAR="$WORK/iamcore-gateway.jar"; cp "$SRC_JAR" "$JAR"
JAR_SHA="$(sha256sum "$JAR" | cut -c1-12)"
cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_gateway() {  # <log name>; sets GW_PID, BASE, READY_SECS
  PORT="$(free_port)"; BASE="http://127.0.0.1:$PORT"; GW_LOG="$WORK/gateway-$1.log"
  local t0; t0="$(date +%s.%N)"
  IAMCORE_HTTP_PORT="$PORT" IAMCORE_HTTP_INSTANCES="$LOOPS" \
  IAMCORE_DB_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DB" IAMCORE_JWKS_URI="file://$WORK/jwks.json" \
  IAMCORE_API_AUDIENCES="$AUDIENCE" IAMCORE_DATA_DIR="$WORK/data" IAMCORE_DB_CONNECT_TIMEOUT_MS=10000 \
    java $GW_JAVA_OPTS -jar "$JAR" > "$GW_LOG" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null; then
      READY_SECS="$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")"; return 0
    fi
    kill -0 "$GW_PID" 2>/dev/null || { tail -20 "$GW_LOG" >&2; die "gateway exited at start"; }
    sleep 0.25
  done
  die "gateway not ready after 300 s"
}

# --- database: migrate through the gateway, then bulk-load COUNT identities by SQL -----------------
ADMIN_TOKEN="$(java "$ROOT/perf/tools/BenchTokens.java" "$WORK" "$AUDIENCE" 6 "$TENANT")"   # also jwks.json
if [[ -z "$REUSE_DB" ]]; then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  start_gateway migrate; stop_pid "$GW_PID"; GW_PID=""
log "inserting $COUNT CoreIdentities into $DB"
LOAD_T0="$(date +%s)"
# The GIN index is rebuilt once after the insert (much faster than 1M incremental GIN inserts).
"${PSQL[@]}" -d "$DB" <<SQL
DROP INDEX core_object_attributes;
INSERT INTO core_object (tenant_id, object_type, id, join_scope, attributes, entra_object_id, created_at, updated_at, version)
SELECT '$TENANT'::uuid, 'Identity', 'E-' || n, NULL,
       jsonb_build_object('displayName', 'User ' || n, 'entraObjectId', oid,
                          'entraUserPrincipalName', 'user' || n || '@contoso.example',
                          'department', 'Engineering', 'employeeId', (100000 + n)::text),
       oid, now(), now(), 1
FROM (SELECT n, md5('oid-' || n)::uuid::text AS oid FROM generate_series(1, $COUNT) AS n) s;
CREATE INDEX core_object_attributes ON core_object USING gin (attributes jsonb_path_ops);
ANALYZE core_object;
SQL
log "inserted in $(( $(date +%s) - LOAD_T0 )) s"
else
  KEEP_DB=1; log "reusing database $DB"
fi
STEP=$(( COUNT / TOKENS )); (( STEP >= 1 )) || STEP=1
"${PSQL[@]}" -d "$DB" -c "SELECT md5('oid-' || n)::uuid FROM generate_series(1, $COUNT, $STEP) n LIMIT $TOKENS" > "$WORK/oids.txt"
log "minting $(wc -l < "$WORK/oids.txt") user tokens"
java "$ROOT/perf/tools/BenchTokens.java" "$WORK" "$AUDIENCE" 6 "$TENANT" "$WORK/oids.txt" > /dev/null

# --- warm load -------------------------------------------------------------------------------------
start_gateway bench
START_CPU="$(awk -v t="$(cpu_ticks "$GW_PID")" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}')"
INDEX_LOG="$(grep -o 'identity index loaded: [0-9]* identities in [0-9]* ms' "$GW_LOG" | tail -1)"
metrics() { curl -fsS "$BASE/metrics"; }
LOAD_SECONDS="$(metrics | awk '/^iamcore_index_load_seconds_sum/ {print $NF}')"
INDEX_ENTRIES="$(metrics | awk '/^iamcore_index_entries/ {printf "%.0f", $NF}')"
log "gateway ready in ${READY_SECS}s (CPU used by start + warm load: ${START_CPU} s); $INDEX_LOG; iamcore_index_load_seconds_sum=$LOAD_SECONDS; entries=$INDEX_ENTRIES"
[[ "$INDEX_ENTRIES" -ge "$COUNT" ]] || die "index holds $INDEX_ENTRIES identities, expected $COUNT"
HEAP_USED="$(jcmd "$GW_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | head -1 || true)"

PT_PORT="$(free_port)"
java -Xms512m -Xmx512m -cp "$JAR" "$ROOT/perf/tools/Plaintext.java" "$PT_PORT" "$LOOPS" > "$WORK/plaintext.log" 2>&1 &
PT_PID=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PT_PORT/" 2>/dev/null && break; sleep 0.25; done

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
host_busy() { awk '/^cpu / {idle=$5+$6; t=0; for (i=2;i<=NF;i++) t+=$i; print t, idle}' /proc/stat; }

# hist_snapshot <file>: the /me route's 200 histogram buckets (le value count)
hist_snapshot() {
  metrics | awk -v r="$ROUTE" 'index($0, "http_server_requests_seconds_bucket{") == 1 && index($0, "route=\"" r "\"") && index($0, "status=\"200\"") {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); print le, $NF }' > "$1"
}
# quantiles of the delta between two bucket snapshots, in ms: "p50 p99 p999 count"
hist_quantiles() {
  python3 - "$1" "$2" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p):
        le, c = line.split()
        d[float("inf") if le == "+Inf" else float(le)] = float(c)
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
les = sorted(b)
cum = [(le, b[le] - a.get(le, 0.0)) for le in les]
total = cum[-1][1] if cum else 0
def q(p):
    for le, c in cum:
        if c >= p * total:
            return "≤%.3f" % (le * 1000) if le != float("inf") else ">max"
    return "-"
print(q(0.5), q(0.99), q(0.999), int(total))
PY
}

# measure <label> <url> [tokens-file]: warm-up, then the measured run; sets LINE, CPU_GW, CPU_HOST, GW_Q
measure() {
  local label="$1" url="$2"; shift 2
  local args=(); [[ $# -gt 0 ]] && args=(-- "$@")
  if [[ "$label" == *-1 || "$WARMUP_EVERY" == 1 ]]; then
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$ROOT/perf/wrk/identity-me.lua" "$url" "${args[@]}" > "$WORK/wrk-$label-warmup.txt" 2>&1 || true
  fi
  local pid="$PT_PID"; [[ "$label" == me* ]] && pid="$GW_PID"
  hist_snapshot "$WORK/hist-$label.before"
  local g0 h0 g1 h1
  if [[ "$PROFILE" == 1 && "$label" == me-1 ]]; then
    java "$ROOT/perf/tools/AsyncProfiler.java" "$GW_PID" "$AP_LIB" start,event=itimer,interval=1ms > /dev/null
  fi
  g0="$(cpu_ticks "$pid")"; h0="$(host_busy)"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$ROOT/perf/wrk/identity-me.lua" "$url" "${args[@]}" > "$WORK/wrk-$label.txt" 2> "$WORK/wrk-$label.err" || true
  g1="$(cpu_ticks "$pid")"; h1="$(host_busy)"
  if [[ "$PROFILE" == 1 && "$label" == me-1 ]]; then
    java "$ROOT/perf/tools/AsyncProfiler.java" "$GW_PID" "$AP_LIB" "stop,file=$WORK/me-collapsed.txt,collapsed" > /dev/null
  fi
  hist_snapshot "$WORK/hist-$label.after"
  LINE="$(grep '^BENCH ' "$WORK/wrk-$label.txt" || true)"
  [[ -n "$LINE" ]] || { cat "$WORK/wrk-$label.txt" "$WORK/wrk-$label.err" >&2; die "wrk $label produced no result"; }
  local secs; secs="$(field "$LINE" secs)"
  CPU_GW="$(awk -v a="$g0" -v b="$g1" -v s="$secs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz / s}')"
  CPU_HOST="$(awk -v a="$h0" -v b="$h1" 'BEGIN {split(a,x," "); split(b,y," "); t=y[1]-x[1]; i=y[2]-x[2]; printf "%.0f", (t>0 ? 100*(t-i)/t : 0)}')"
  GW_Q="- - - -"; [[ "$label" == me* ]] && GW_Q="$(hist_quantiles "$WORK/hist-$label.before" "$WORK/hist-$label.after")"
  log "   $label: $(field "$LINE" rps) req/s p50 $(field "$LINE" p50_ms) p99 $(field "$LINE" p99_ms) p99.9 $(field "$LINE" p999_ms) ms non-200=$(field "$LINE" non_ok) | in-gateway p50/p99/p99.9/n: $GW_Q | server CPU ${CPU_GW} cores, host ${CPU_HOST}% busy"
}

LOADAVG_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
ROWS=(); RATIOS=(); RATIOS_SAME=(); CPU_RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
  log "== round $round: /identities/me ($TOKENS tokens) vs plaintext, wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP)"
  measure "me-$round" "$BASE$ROUTE" "$WORK/tokens.txt"
  ME_LINE="$LINE"; ME_CPU="$CPU_GW"; ME_HOST="$CPU_HOST"; read -r GQ50 GQ99 GQ999 GQN <<<"$GW_Q"
  measure "plain-$round" "http://127.0.0.1:$PT_PORT/"
  PT_LINE="$LINE"; PT_CPU="$CPU_GW"; PT_HOST="$CPU_HOST"
  # The same plaintext server sent /me's exact requests (each with its ~1 kB bearer header): the
  # ceiling for this traffic, so that the ratio isolates the gateway's own work from request size.
  measure "plainsame-$round" "http://127.0.0.1:$PT_PORT/" "$WORK/tokens.txt"
  PS_LINE="$LINE"; PS_CPU="$CPU_GW"; PS_HOST="$CPU_HOST"
  RATIO_SAME="$(awk -v a="$(field "$ME_LINE" rps)" -v b="$(field "$PS_LINE" rps)" 'BEGIN {printf "%.2f", a / b}')"
  PS_US="$(awk -v c="$PS_CPU" -v r="$(field "$PS_LINE" rps)" 'BEGIN {printf "%.1f", c / r * 1e6}')"
  RATIOS_SAME+=("$RATIO_SAME")
  RATIO="$(awk -v a="$(field "$ME_LINE" rps)" -v b="$(field "$PT_LINE" rps)" 'BEGIN {printf "%.2f", a / b}')"
  log "   ratio /me ÷ plaintext = $RATIO; /me ÷ plaintext with the same requests = $RATIO_SAME"
  ME_US="$(awk -v c="$ME_CPU" -v r="$(field "$ME_LINE" rps)" 'BEGIN {printf "%.1f", c / r * 1e6}')"
  PT_US="$(awk -v c="$PT_CPU" -v r="$(field "$PT_LINE" rps)" 'BEGIN {printf "%.1f", c / r * 1e6}')"
  CPU_RATIO="$(awk -v a="$ME_US" -v b="$PT_US" 'BEGIN {printf "%.2f", b / a}')"
  RATIOS+=("$RATIO"); CPU_RATIOS+=("$CPU_RATIO")
  log "   server CPU per request: /me $ME_US µs, plaintext $PT_US µs (plaintext ÷ /me = $CPU_RATIO)"
  ROWS+=("| $round | \`/identities/me\` | $(field "$ME_LINE" rps) | $(field "$ME_LINE" p50_ms) | $(field "$ME_LINE" p99_ms) | $(field "$ME_LINE" p999_ms) | $GQ50 / $GQ99 / $GQ999 (n=$GQN) | $(field "$ME_LINE" non_ok) | $ME_CPU | $ME_US | $ME_HOST % | **$RATIO** | $CPU_RATIO |")
  ROWS+=("| $round | plaintext Vert.x | $(field "$PT_LINE" rps) | $(field "$PT_LINE" p50_ms) | $(field "$PT_LINE" p99_ms) | $(field "$PT_LINE" p999_ms) | – | $(field "$PT_LINE" non_ok) | $PT_CPU | $PT_US | $PT_HOST % | 1.00 | 1.00 |")
  ROWS+=("| $round | plaintext Vert.x, /me's requests | $(field "$PS_LINE" rps) | $(field "$PS_LINE" p50_ms) | $(field "$PS_LINE" p99_ms) | $(field "$PS_LINE" p999_ms) | – | $(field "$PS_LINE" non_ok) | $PS_CPU | $PS_US | $PS_HOST % | /me ÷ this: **$RATIO_SAME** | – |")
done
LOADAVG_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
WARN="$(grep -c ' WARNING ' "$GW_LOG" || true)"; SEVERE="$(grep -c ' SEVERE ' "$GW_LOG" || true)"

PROFILE_SUMMARY=""
if [[ "$PROFILE" == 1 && -f "$WORK/me-collapsed.txt" ]]; then
  # inclusive share of the samples whose stack passes through each step of the hot path
  PROFILE_SUMMARY="$(python3 - "$WORK/me-collapsed.txt" <<'PY'
import collections, sys
steps = [("answered by the front lane", "IdentityFastLane.served"), ("router (misses, first use of a token)", "RouterImpl.handle"),
         ("token check (cache hit)", "TokenVerifier.cachedOrNull"), ("SHA-256 of the token", "TokenVerifier$Fingerprint.of"),
         ("index lookup", "IdentityTable.get"), ("response end", "Http1xServerResponse.end"),
         ("access line (event loop)", "AccessLog.answered"), ("access-line writer thread", "JsonLinesHandler.run"),
         ("HTTP decoding", "HttpObjectDecoder.decode"), ("socket write (kernel)", "writev"), ("socket read (kernel)", "read0"),
         ("JIT and GC threads", "Thread::call_run")]
rows = []
for line in open(sys.argv[1]):
    stack, n = line.rsplit(" ", 1)
    rows.append((stack.split(";"), int(n)))
total = sum(n for _, n in rows)
print(f"{total} samples")
for label, needle in steps:
    share = sum(n for frames, n in rows if any(needle in f for f in frames))
    print(f"{100.0 * share / max(total, 1):5.1f}%  {label}")
leaf = collections.Counter()
for frames, n in rows:
    leaf[frames[-1]] += n
print("top leaf frames:")
for frame, n in leaf.most_common(15):
    print(f"{100.0 * n / max(total, 1):5.1f}%  {frame}")
PY
)"
  printf '%s\n' "$PROFILE_SUMMARY" > "$WORK/me-top-frames.txt"
fi

MACHINE="nproc=$(nproc), RAM=$(free -m | awk '/^Mem:/ {printf "%.1f", $2/1024}') GiB, $(uname -sr), $(java -version 2>&1 | head -1), PostgreSQL $("${PSQL[@]}" -d postgres -c 'SHOW server_version'), $({ wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2)"
{
  echo "### Identity resolution run $STAMP"
  echo
  echo "Command: \`COUNT=$COUNT TOKENS=$TOKENS ROUNDS=$ROUNDS WARMUP_EVERY=$WARMUP_EVERY DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNS=$CONNS LOOPS=$LOOPS JAVA_OPTS='$GW_JAVA_OPTS'${BENCH_JAR:+ BENCH_JAR=$BENCH_JAR} perf/identity-bench.sh\`"
  echo
  echo "Machine: $MACHINE; load average before/after: $LOADAVG_BEFORE / $LOADAVG_AFTER (2 cores shared by wrk, the gateway, the plaintext server, PostgreSQL and any other work on the box)"
  echo
  echo "Jar: \`$SRC_JAR\` (sha256 $JAR_SHA…); logs, wrk output, histograms: \`$WORK/\`"
  echo
  echo "Warm load: $COUNT identities; gateway ready ${READY_SECS} s after start, having used ${START_CPU} s of CPU (JVM start, migrations check, warm load); log: \`$INDEX_LOG\`; \`iamcore_index_load_seconds_sum\` = $LOAD_SECONDS; \`iamcore_index_entries\` = $INDEX_ENTRIES; G1 heap used after load: ${HEAP_USED:-n/a}"
  echo
  echo "| round | target | req/s | p50 ms | p99 ms | p99.9 ms | in-gateway p50 / p99 / p99.9 ms (histogram bucket bounds) | non-200 | server CPU (cores) | server CPU µs / request | host busy | req/s × plaintext | CPU/request: plaintext ÷ this |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
  echo "Across the $ROUNDS rounds: req/s × plaintext median $(median "${RATIOS[@]}") (range ${RATIOS[*]}); req/s × plaintext sent /me's requests median $(median "${RATIOS_SAME[@]}") (range ${RATIOS_SAME[*]}); CPU per request, plaintext ÷ /me, median $(median "${CPU_RATIOS[@]}") (range ${CPU_RATIOS[*]})."
  echo
  echo "The machine is shared and was overloaded by other work during most runs: req/s and wrk latencies move with the CPU the processes got; \"server CPU µs / request\" (CPU seconds of the server process ÷ requests) is the figure that holds up under contention, and its ratio estimates the req/s ratio on a quiet box (wrk's own CPU, about the same per request for both, would pull the real ratio towards 1)."
  echo
  echo "Gateway log: $WARN WARNING / $SEVERE SEVERE. wrk latencies are client-side in a closed loop (coordinated omission: they include queueing on the saturated 2 cores); the in-gateway figures are the route's \`http_server_requests_seconds\` histogram over the measured run (from the router's first handler to the response written)."
  if [[ -n "$PROFILE_SUMMARY" ]]; then
    echo; echo "async-profiler CPU samples (itimer, 1 ms) of the gateway during round 1's /me run (inclusive share per step, then top leaf frames):"; echo; echo '```'; echo "$PROFILE_SUMMARY"; echo '```'
  fi
} > "$RESULT_MD"
cat "$RESULT_MD"
