#!/usr/bin/env bash
# Group commit vs one transaction per request, plus a plaintext ceiling, in one run.
#
#   perf/writer-bench.sh                 # main comparison (3 configurations)
#   TUNING=1 perf/writer-bench.sh        # + lanes 1/4 and max delay 0/5 ms tuning points
#   SYNC=1 perf/writer-bench.sh          # no rules vs the seed's join-only rule vs a projecting rule
#
# Each configuration gets a fresh PostgreSQL database and a freshly started gateway (the same jar,
# copied once at the start), a wrk warm-up, then the measured wrk run with the same settings.
# After every SCIM run the script checks in PostgreSQL that every userName wrk saw a 201 for is
# stored (nothing acknowledged lost) and prints the row counts. Results go to
# perf/results/<stamp>.md and the newest runs are rendered into docs/benchmarks.md.
#
# The machine may be shared (builds, tests): before each configuration the script waits up to
# QUIET_MAX seconds (120) for the host to be nearly idle, and every row reports the CPU that
# processes other than the gateway, PostgreSQL and wrk used during the measured run.
#
# Knobs (environment): DURATION (20s) WARMUP (60s: the JIT needs it; 10 s measured half the warm rate) THREADS (2) CONNS (64) TUNING (0)
#   BENCH_JAR (target/iamcore-gateway.jar, built if missing) PGHOST (127.0.0.1) PGPORT (5432)
#   PGUSER (postgres) FSYNC_PROBE (1: run pg_test_fsync briefly for the machine section)
#   UPDATE_DOC (1) RUNS_IN_DOC (2) KEEP_DBS (0: drop the bench databases at the end)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-60s}"
QUIET_MAX="${QUIET_MAX:-120}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
TUNING="${TUNING:-0}"
SYNC="${SYNC:-0}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
FSYNC_PROBE="${FSYNC_PROBE:-1}"
UPDATE_DOC="${UPDATE_DOC:-1}"
RUNS_IN_DOC="${RUNS_IN_DOC:-2}"
KEEP_DBS="${KEEP_DBS:-0}"
AUDIENCE="api://iamcore-bench"
FIXTURE="${FIXTURE:-/work/shared/entra-corpus/requests/06-create-user-full-default-mapping.json}"
[[ -f "$FIXTURE" ]] || FIXTURE="$ROOT/perf/wrk/create-user-body.json"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="/tmp/writer-bench-$STAMP"
mkdir -p "$WORK" "$ROOT/perf/results"
RESULT_MD="$ROOT/perf/results/$STAMP.md"
TSV="$WORK/results.tsv"
COMMAND="$(printf '%q ' "$0" "$@")"
ENV_USED="${BENCH_JAR:+BENCH_JAR=$BENCH_JAR }DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNS=$CONNS TUNING=$TUNING SYNC=$SYNC"

export PGHOST PGPORT PGUSER
export PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

for tool in wrk java psql curl jq python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (wrk: apt-get install -y wrk)"
done

# --- gateway lifecycle (always stopped, even on failure) --------------------------------------
GW_PID=""
DBS=()
stop_gateway() {
  if [[ -n "$GW_PID" ]] && kill -0 "$GW_PID" 2>/dev/null; then
    kill "$GW_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$GW_PID" 2>/dev/null || true
    wait "$GW_PID" 2>/dev/null || true
  fi
  GW_PID=""
}
cleanup() {
  local rc=$?
  stop_gateway
  if [[ "$KEEP_DBS" != 1 ]]; then
    for db in "${DBS[@]}"; do "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null || true; done
  fi
  if [[ $rc -ne 0 ]]; then log "exit $rc; gateway logs and wrk output are in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- PostgreSQL ---------------------------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  log "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not come up on $PGHOST:$PGPORT"
fi

# --- the jar: built if missing, then copied so a concurrent rebuild cannot change it mid-run ----
SRC_JAR="${BENCH_JAR:-$ROOT/target/iamcore-gateway.jar}"
if [[ ! -f "$SRC_JAR" ]]; then
  log "building $SRC_JAR"
  (cd "$ROOT" && mvn -B -q package -Dmaven.test.skip=true) || die "build failed"
fi
JAR="$WORK/iamcore-gateway.jar"
cp "$SRC_JAR" "$JAR"
JAR_SHA="$(sha256sum "$JAR" | cut -c1-12)"

# --- credentials and request body ---------------------------------------------------------------
ADMIN_TOKEN="$(java "$ROOT/perf/tools/BenchTokens.java" "$WORK" "$AUDIENCE" 6)"
jq -c '(.body // .)
       | .userName = "@@U@@@contoso.example"
       | .externalId = "@@U@@"
       | (if .emails then .emails[0].value = "@@U@@@contoso.example" else . end)' \
  "$FIXTURE" > "$WORK/body.tpl"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_gateway <name> <db> [VAR=value ...]
start_gateway() {
  local name="$1" db="$2"; shift 2
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT"
  GW_LOG="$WORK/gateway-$name.log"
  env "$@" \
    IAMCORE_HTTP_PORT="$PORT" \
    IAMCORE_DB_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$db" \
    IAMCORE_JWKS_URI="file://$WORK/jwks.json" \
    IAMCORE_API_AUDIENCES="$AUDIENCE" \
    IAMCORE_DATA_DIR="$WORK/data-$name" \
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$GW_LOG" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null; then return 0; fi
    kill -0 "$GW_PID" 2>/dev/null || { tail -20 "$GW_LOG" >&2; die "gateway $name exited at start"; }
    sleep 0.5
  done
  tail -20 "$GW_LOG" >&2
  die "gateway $name not ready after 60 s"
}

# fresh_db <name>: creates an empty database, sets DB (not in a subshell: DBS feeds the cleanup)
fresh_db() {
  DB="wb_${STAMP,,}_$1"
  DB="${DB//[^a-z0-9_]/_}"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  DBS+=("$DB")
}

# Creates a SCIM connector and a secret token: sets CONNECTOR_ID and SCIM_SECRET.
make_connector() {
  local out
  out="$(curl -fsS -X POST "$BASE/iamcore/sync/connectors" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d '{"name":"bench","templateId":"SCIM"}')" || die "connector create failed"
  CONNECTOR_ID="$(jq -r .id <<<"$out")"
  out="$(curl -fsS -X POST "$BASE/iamcore/sync/connectors/$CONNECTOR_ID/secrets" \
    -H "Authorization: Bearer $ADMIN_TOKEN")" || die "secret create failed"
  SCIM_SECRET="$(jq -r .secretToken <<<"$out")"
  [[ "$SCIM_SECRET" == iamcs_* ]] || die "unexpected secret answer: $out"
}

# add_rule <seed|project>: the seed's join-only Entra rule, or a rule that projects every user
# into a new CoreIdentity (id = externalId) with three flows: the whole sync pipeline per write.
add_rule() {
  local body
  if [[ "$1" == seed ]]; then
    body='{"name":"Entra ID - User","connectorId":"'"$CONNECTOR_ID"'","connectorObjectType":"user","coreObjectType":"Identity","provisioningEnabled":false,"priority":11000,"joinScope":null,"inboundAttributeFlows":[{"$type":"string","targetAttributeName":"id","joinPriority":1,"value":{"$type":"attribute","attribute":"nickName"}},{"$type":"string","targetAttributeName":"entraUserPrincipalName","value":{"$type":"attribute","attribute":"userName"}},{"$type":"string","targetAttributeName":"entraObjectId","value":{"$type":"externalid"}}]}'
  else
    body='{"name":"Project","connectorId":"'"$CONNECTOR_ID"'","connectorObjectType":"user","coreObjectType":"Identity","provisioningEnabled":true,"priority":100,"joinScope":null,"inboundAttributeFlows":[{"$type":"string","targetAttributeName":"id","joinPriority":1,"value":{"$type":"externalid"}},{"$type":"string","targetAttributeName":"displayName","value":{"$type":"attribute","attribute":"displayName"}},{"$type":"string","targetAttributeName":"entraUserPrincipalName","value":{"$type":"attribute","attribute":"userName"}},{"$type":"string","targetAttributeName":"entraObjectId","value":{"$type":"externalid"}}]}'
  fi
  curl -fsS -o /dev/null -X POST "$BASE/iamcore/sync/rules" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "$body" || die "rule create failed"
}

# metric <name-regex>: sum of the matching Prometheus samples (0 if absent)
metric() {
  curl -fsS "$BASE/metrics" | awk -v re="^$1" '$0 ~ re && $1 !~ /^#/ {s += $NF} END {printf "%.0f\n", s}'
}

wait_drained() {
  for _ in $(seq 1 100); do
    [[ "$(metric 'iamcore_writer_queue_depth')" == 0 ]] && return 0
    sleep 0.1
  done
  log "warning: writer queue not drained after 10 s"
}

cpu_sample() { awk '/^cpu / {idle=$5+$6; t=0; for (i=2;i<=NF;i++) t+=$i; print t, idle}' /proc/stat; }
CLK_TCK="$(getconf CLK_TCK)"
# snapshot of every process's CPU ticks: "pid comm ticks" lines
proc_snapshot() {
  python3 -c '
import glob
for f in glob.glob("/proc/[0-9]*/stat"):
    try:
        raw = open(f).read()
    except OSError:
        continue
    comm = raw[raw.index("(") : raw.rindex(")") + 1].replace(" ", "_")
    rest = raw[raw.rindex(")") + 2 :].split()
    print(f.split("/")[2], comm, int(rest[11]) + int(rest[12]))
'
}
# foreign_top <before> <after>: the biggest CPU users other than the gateway, PostgreSQL and wrk
foreign_top() {
  awk -v gw="$GW_PID" -v hz="$CLK_TCK" 'NR == FNR {t[$1] = $3; next}
    $1 != gw && $2 != "(postgres)" && $2 != "(wrk)" {d = $3 - t[$1]; if (d > 0) u[$2] += d}
    END {for (c in u) if (u[c] / hz >= 0.5) printf "%s %.1fs\n", c, u[c] / hz}' "$1" "$2" |
    sort -k2 -rn | head -4 | paste -sd, - | sed 's/,/, /g'
}
# wait_quiet: until the host is < 15 % busy over 2 s (nothing of ours is running then)
wait_quiet() {
  local waited=0 a b busy
  while (( waited < QUIET_MAX )); do
    a="$(cpu_sample)"; sleep 2; b="$(cpu_sample)"; waited=$(( waited + 2 ))
    busy="$(awk -v a="$a" -v b="$b" 'BEGIN {split(a,x," "); split(b,y," "); t=y[1]-x[1]; i=y[2]-x[2]; printf "%.0f", (t>0 ? 100*(t-i)/t : 0)}')"
    (( busy < 15 )) && return 0
    (( waited == 2 )) && log "   host is ${busy}% busy with other work: waiting up to ${QUIET_MAX}s for it to settle"
  done
  log "   warning: host still ${busy}% busy after ${QUIET_MAX}s; measuring anyway (see the 'other' CPU column)"
}
# CPU seconds used so far by the gateway JVM, and by all PostgreSQL processes
proc_cpu() {
  local gw=0 pg=0
  [[ -r "/proc/$GW_PID/stat" ]] && gw="$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$GW_PID/stat")"
  pg="$(cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" {sub(/.*\) /, ""); s += $12 + $13} END {print s + 0}')"
  awk -v g="$gw" -v p="$pg" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f %.2f", g / hz, p / hz}'
}

# field <line> <key>: value of key=value in a BENCH line
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# run_wrk <label> <duration> <url> <script> [script args...]: sets BENCH_LINE
run_wrk() {
  local label="$1" dur="$2" url="$3" script="$4"; shift 4
  local out="$WORK/wrk-$label.txt"
  local TIMEFORMAT='%U %S'
  ( time wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency -s "$script" "$url" -- "$@" > "$out" 2> "$WORK/wrk-$label.err" ) \
    2> "$WORK/wrk-$label.cpu" || true
  WRK_CPU="$(awk '{printf "%.2f", $1 + $2}' "$WORK/wrk-$label.cpu" 2>/dev/null || echo 0)"
  BENCH_LINE="$(grep '^BENCH ' "$out" || true)"
  [[ -n "$BENCH_LINE" ]] || { cat "$out" "$WORK/wrk-$label.err" >&2; die "wrk $label produced no result"; }
  if [[ -s "$WORK/wrk-$label.err" ]]; then sed 's/^/  wrk: /' "$WORK/wrk-$label.err" | head -5 >&2; fi
}

printf 'config\tkind\tlanes\tmax_rows\tmax_delay_ms\tpool\treq_s\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tresponses\tnon_ok\tsock_err\tacked\tacked_missing\trows_added\tunacked_committed\tbatches\tmean_batch\tmean_commit_ms\tcpu_busy_pct\tcpu_split\tlog_warn\tlog_severe\tlog_severe_disconnect\tforeign\n' > "$TSV"

# bench_config <name> <kind: scim|live> <lanes> <max_rows> <delay_ms> <pool>
bench_config() {
  local name="$1" kind="$2" lanes="$3" rows="$4" delay="$5" pool="$6"
  wait_quiet
  fresh_db "$name"; local db="$DB"
  log "== $name: lanes=$lanes max_rows=$rows max_delay=${delay}ms pool=$pool db=$db"
  start_gateway "$name" "$db" IAMCORE_WRITER_LANES="$lanes" IAMCORE_BATCH_MAX_ROWS="$rows" \
    IAMCORE_BATCH_MAX_DELAY_MS="$delay" IAMCORE_DB_POOL_SIZE="$pool"
  local url script args=()
  if [[ "$kind" == scim* ]]; then
    make_connector
    [[ "$kind" == scim-seed ]] && add_rule seed
    [[ "$kind" == scim-project ]] && add_rule project
    url="$BASE/iamcore/beta/sync/connectors/$CONNECTOR_ID/scim/Users"
    script="$ROOT/perf/wrk/scim-create.lua"
  else
    url="$BASE/health/live"
    script="$ROOT/perf/wrk/health-live.lua"
  fi

  # warm-up (JIT, pools); its rows are counted out before the measured run
  if [[ "$kind" == scim* ]]; then args=("$SCIM_SECRET" "$WORK/body.tpl" "w${name}" "$WORK/ack-$name-warmup"); fi
  run_wrk "$name-warmup" "$WARMUP" "$url" "$script" "${args[@]}"
  local rows0=0 b0=0 bs0=0 c0=0 cs0=0
  if [[ "$kind" == scim* ]]; then
    wait_drained
    rows0="$("${PSQL[@]}" -d "$db" -c "SELECT count(*) FROM cs_object WHERE object_type = 'user'")"
    b0="$(metric 'iamcore_writer_batch_rows_count')"; bs0="$(metric 'iamcore_writer_batch_rows_sum')"
    c0="$(curl -fsS "$BASE/metrics" | awk '/^iamcore_writer_commit_seconds_count/ {print $NF}')"
    cs0="$(curl -fsS "$BASE/metrics" | awk '/^iamcore_writer_commit_seconds_sum/ {print $NF}')"
    args=("$SCIM_SECRET" "$WORK/body.tpl" "m${name}" "$WORK/ack-$name")
  fi

  local cpu_a cpu_b proc_a proc_b; proc_snapshot > "$WORK/procs-$name.before"
  cpu_a="$(cpu_sample)"; proc_a="$(proc_cpu)"
  run_wrk "$name" "$DURATION" "$url" "$script" "${args[@]}"
  cpu_b="$(cpu_sample)"; proc_b="$(proc_cpu)"
  proc_snapshot > "$WORK/procs-$name.after"
  local foreign; foreign="$(foreign_top "$WORK/procs-$name.before" "$WORK/procs-$name.after")"
  [[ -n "$foreign" ]] || foreign="none ≥ 0.5 s"
  local cpu_busy secs cpu_split
  cpu_busy="$(awk -v a="$cpu_a" -v b="$cpu_b" 'BEGIN {split(a,x," "); split(b,y," "); t=y[1]-x[1]; i=y[2]-x[2]; printf "%.0f", (t>0 ? 100*(t-i)/t : 0)}')"
  secs="$(field "$BENCH_LINE" secs)"
  # cores used on average during the measured run: gateway / PostgreSQL / wrk / everything else
  cpu_split="$(awk -v a="$proc_a" -v b="$proc_b" -v w="$WRK_CPU" -v s="$secs" -v busy="$cpu_busy" -v n="$(nproc)" 'BEGIN {split(a,x," "); split(b,y," "); g=(y[1]-x[1])/s; p=(y[2]-x[2])/s; k=w/s; o=busy/100*n-g-p-k; if (o < 0) o = 0; printf "%.2f/%.2f/%.2f/%.2f", g, p, k, o}')"

  local responses non_ok rps p50 p90 p99 pmax sock
  responses="$(field "$BENCH_LINE" responses)"; non_ok="$(field "$BENCH_LINE" non_ok)"
  rps="$(field "$BENCH_LINE" rps)"; p50="$(field "$BENCH_LINE" p50_ms)"; p90="$(field "$BENCH_LINE" p90_ms)"
  p99="$(field "$BENCH_LINE" p99_ms)"; pmax="$(field "$BENCH_LINE" max_ms)"
  sock=$(( $(field "$BENCH_LINE" err_connect) + $(field "$BENCH_LINE" err_read) + $(field "$BENCH_LINE" err_write) + $(field "$BENCH_LINE" err_timeout) ))

  local acked=- missing=- added=- unacked=- batches=- mean_batch=- mean_commit=-
  if [[ "$kind" == scim* ]]; then
    wait_drained
    acked="$(field "$BENCH_LINE" ok)"
    local rows1; rows1="$("${PSQL[@]}" -d "$db" -c "SELECT count(*) FROM cs_object WHERE object_type = 'user'")"
    added=$(( rows1 - rows0 ))
    unacked=$(( added - acked ))
    # every userName wrk saw a 201 for must be stored: load the acknowledged names and anti-join
    cat "$WORK"/ack-"$name"-t* > "$WORK/acked-$name.txt" 2>/dev/null || : > "$WORK/acked-$name.txt"
    local acked_names; acked_names="$(wc -l < "$WORK/acked-$name.txt")"
    [[ "$acked_names" == "$acked" ]] || log "warning: $acked 201s but $acked_names acknowledged names recorded"
    missing="$("${PSQL[@]}" -d "$db" \
      -c "CREATE TEMP TABLE acked (name text)" \
      -c "\\copy acked FROM '$WORK/acked-$name.txt'" \
      -c "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM cs_object o WHERE o.object_type = 'user' AND o.name_key = lower(a.name) AND o.deleted_at IS NULL)")"
    local b1 bs1 c1 cs1
    b1="$(metric 'iamcore_writer_batch_rows_count')"; bs1="$(metric 'iamcore_writer_batch_rows_sum')"
    c1="$(curl -fsS "$BASE/metrics" | awk '/^iamcore_writer_commit_seconds_count/ {print $NF}')"
    cs1="$(curl -fsS "$BASE/metrics" | awk '/^iamcore_writer_commit_seconds_sum/ {print $NF}')"
    batches=$(( b1 - b0 ))
    mean_batch="$(awk -v s="$((bs1 - bs0))" -v n="$batches" 'BEGIN {printf "%.1f", (n>0 ? s/n : 0)}')"
    mean_commit="$(awk -v s1="$cs1" -v s0="$cs0" -v n1="$c1" -v n0="$c0" 'BEGIN {n=n1-n0; printf "%.2f", (n>0 ? 1000*(s1-s0)/n : 0)}')"
    log "   rows verified: wrk 201s=$acked, rows added=$added (committed but unacknowledged at wrk stop: $unacked), acknowledged-but-missing=$missing"
    if [[ "$missing" != 0 || "$unacked" -lt 0 ]]; then log "   !!! ACKNOWLEDGED WRITES MISSING"; fi
  fi
  stop_gateway
  local warn severe disconnect
  warn="$(grep -c ' WARNING ' "$GW_LOG" || true)"; severe="$(grep -c ' SEVERE ' "$GW_LOG" || true)"
  # SEVERE entries whose exception is wrk hanging up on in-flight requests when its time is up
  disconnect="$(grep -A1 ' SEVERE ' "$GW_LOG" | grep -cE '^(io.vertx.core.VertxException: Connection was closed|java.lang.IllegalStateException: Response head already sent|io.netty.channel.StacklessClosedChannelException)' || true)"
  log "   $rps req/s  p50 ${p50} ms  p99 ${p99} ms  responses=$responses non-2xx=$non_ok socket-errors=$sock batches=$batches mean-batch=$mean_batch cpu=${cpu_busy}% (cores gw/pg/wrk/other $cpu_split) log WARNING=$warn SEVERE=$severe (client hang-ups: $disconnect)"
  log "   other processes' CPU during the measured run (processes that lived through it): $foreign"
  if [[ "$non_ok" != 0 ]]; then log "   !!! $non_ok unexpected statuses: this run is INVALID"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name" "$kind" "$lanes" "$rows" "$delay" "$pool" "$rps" "$p50" "$p90" "$p99" "$pmax" "$responses" \
    "$non_ok" "$sock" "$acked" "$missing" "$added" "$unacked" "$batches" "$mean_batch" "$mean_commit" \
    "$cpu_busy" "$cpu_split" "$warn" "$severe" "$disconnect" "$foreign" >> "$TSV"
}

# --- machine facts -------------------------------------------------------------------------------
PG_VERSION="$("${PSQL[@]}" -d postgres -c 'SHOW server_version')"
SYNC_COMMIT="$("${PSQL[@]}" -d postgres -c 'SHOW synchronous_commit')"
FSYNC="$("${PSQL[@]}" -d postgres -c 'SHOW fsync')"
WAL_SYNC="$("${PSQL[@]}" -d postgres -c 'SHOW wal_sync_method')"
COMMIT_DELAY="$("${PSQL[@]}" -d postgres -c 'SHOW commit_delay')"
FDATASYNC_OPS="n/a"
if [[ "$FSYNC_PROBE" == 1 ]]; then
  PG_TEST_FSYNC="$(ls /usr/lib/postgresql/*/bin/pg_test_fsync 2>/dev/null | tail -1 || true)"
  PGDATA_DIR="$("${PSQL[@]}" -d postgres -c 'SHOW data_directory' 2>/dev/null || true)"
  if [[ -n "$PG_TEST_FSYNC" && -d "$(dirname "$PGDATA_DIR")" && -w "$(dirname "$PGDATA_DIR")" ]]; then
    probe="$(dirname "$PGDATA_DIR")/writer-bench-fsync.tmp"
    FDATASYNC_OPS="$(timeout 60 "$PG_TEST_FSYNC" -s 1 -f "$probe" 2>/dev/null \
      | awk '/one 8kB write/ {f=1} f && $1 == "fdatasync" {print $2; exit}' || true)"
    rm -f "$probe"
    [[ -n "$FDATASYNC_OPS" ]] || FDATASYNC_OPS="n/a"
  fi
fi
MACHINE="nproc=$(nproc), RAM=$(free -m | awk '/^Mem:/ {printf "%.1f", $2/1024}') GiB, $(uname -sr), $(java -version 2>&1 | head -1), PostgreSQL $PG_VERSION (synchronous_commit=$SYNC_COMMIT, fsync=$FSYNC, wal_sync_method=$WAL_SYNC, commit_delay=$COMMIT_DELAY), pg_test_fsync one 8 kB fdatasync: $FDATASYNC_OPS ops/s, $({ wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2)"
log "machine: $MACHINE"
log "jar: $SRC_JAR (sha256 $JAR_SHA...), wrk -t$THREADS -c$CONNS -d$DURATION (warm-up $WARMUP), work dir $WORK"

# --- the configurations --------------------------------------------------------------------------
bench_config plaintext-ceiling live 2 500 2 8
bench_config group-commit scim 2 500 2 8
if [[ "$SYNC" == 1 ]]; then
  # writes with sync rules active vs none, same run, same database server
  bench_config gc-seed-rule scim-seed 2 500 2 8
  bench_config gc-projecting-rule scim-project 2 500 2 8
else
  bench_config per-request scim 8 1 2 8
fi
if [[ "$TUNING" == 1 ]]; then
  bench_config gc-lanes1 scim 1 500 2 8
  bench_config gc-lanes4 scim 4 500 2 8
  bench_config gc-delay0 scim 2 500 0 8
  bench_config gc-delay5 scim 2 500 5 8
fi

# --- summary ---------------------------------------------------------------------------------------
python3 - "$TSV" "$RESULT_MD" "$STAMP" "$COMMAND" "$ENV_USED" "$MACHINE" "$SRC_JAR" "$JAR_SHA" "$WORK" <<'PY'
import csv, sys
tsv, out, stamp, command, env, machine, jar, sha, work = sys.argv[1:10]
rows = list(csv.DictReader(open(tsv), delimiter="\t"))
by = {r["config"]: r for r in rows}
ceiling = float(by["plaintext-ceiling"]["req_s"]) if "plaintext-ceiling" in by else None
per_req = float(by["per-request"]["req_s"]) if "per-request" in by else None
def f(x, d=0):
    return f"{float(x):,.{d}f}" if x not in ("-", "") else "–"
lines = [f"### Run {stamp}", "",
         f"Command: `{env} {command.strip()}`", "",
         f"Machine: {machine}", "",
         f"Jar: `{jar}` (sha256 {sha}…); gateway logs and raw wrk output: `{work}/`", "",
         "| configuration | lanes | max rows | max delay | pool | req/s | p50 ms | p99 ms | non-2xx | socket errors | 201s = rows verified | rows added (of which unacked at stop) | mean batch | mean commit ms | CPU busy (cores gw/pg/wrk/other) | × plaintext ceiling | × per-request |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    rps = float(r["req_s"])
    scim = r["kind"].startswith("scim")
    if scim:
        ok = "yes" if r["acked_missing"] == "0" and int(r["unacked_committed"]) >= 0 else f"NO ({r['acked_missing']} missing)"
        verified = f"{int(r['acked']):,} {ok}"
        added = f"{int(r['rows_added']):,} ({r['unacked_committed']})"
    else:
        verified = added = "–"
    name = r["config"] + ("" if scim else " (`GET /health/live`)")
    if float(r["cpu_split"].split("/")[3]) > 0.25:
        name += " ⚠ shared CPU"
    lines.append("| " + " | ".join([
        name, r["lanes"] if scim else "–", r["max_rows"] if scim else "–",
        (r["max_delay_ms"] + " ms") if scim else "–", r["pool"] if scim else "–",
        f(rps), f(r["p50_ms"], 1), f(r["p99_ms"], 1), r["non_ok"], r["sock_err"], verified, added,
        r["mean_batch"] if scim else "–", r["mean_commit_ms"] if scim else "–", r["cpu_busy_pct"] + " % (" + r["cpu_split"] + ")",
        f"{rps / ceiling:.2f}" if ceiling and scim else ("1.00" if not scim else "–"),
        f"{rps / per_req:.2f}" if per_req and scim else "–"]) + " |")
warn = [f"{r['config']}: {r['log_warn']} WARNING / {r['log_severe']} SEVERE"
        f" ({r['log_severe_disconnect']} of them client hang-ups)" for r in rows]
lines += ["", "CPU of other processes during each measured run (the machine is shared): "
          + "; ".join(f"{r['config']}: {r['foreign']}" for r in rows) + ".",
          "⚠ shared CPU: other work took more than 0.25 of the 2 cores during that measured run; its"
          " figures are depressed and not comparable with clean rows.",
          "(\"other\" in the CPU column = host busy time minus gateway, PostgreSQL and wrk: other"
          " processes, including short-lived ones, plus kernel time not charged to a process.)"]
lines += ["", "Gateway log (warm-up + measured run): " + "; ".join(warn) + ".",
          "A client hang-up is wrk closing its connections with requests still in flight when its"
          " time is up (`Connection was closed` / `Response head already sent`); those requests are"
          " the \"unacked at stop\" rows.", ""]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY

if [[ "$UPDATE_DOC" == 1 ]]; then
  python3 "$ROOT/perf/tools/render_doc.py" "$ROOT/docs/benchmarks.md" "$ROOT/perf/results" "$RUNS_IN_DOC"
  log "results: $RESULT_MD; docs/benchmarks.md updated with the newest $RUNS_IN_DOC run(s)"
else
  log "results: $RESULT_MD"
fi
invalid="$(awk -F'\t' 'NR > 1 && ($13 != 0 || $14 != 0 || ($16 != "-" && $16 != 0)) {print $1}' "$TSV")"
if [[ -n "$invalid" ]]; then die "invalid configurations (non-2xx, socket errors or missing rows): $invalid"; fi
