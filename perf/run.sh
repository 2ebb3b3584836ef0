#!/usr/bin/env bash
# One command for a Gatling scenario against a fresh gateway on a fresh PostgreSQL database:
#
#   perf/run.sh <initialCycle|steadyState|tokenResolution> [users]
#
# Builds the gateway jar if it is missing or older than the sources, writes local signing keys,
# creates a database on 127.0.0.1:5432 (user postgres), starts the gateway (file JWKS, admin
# audience) and the plaintext ceiling server on free ports, runs the Gatling simulation (the
# ceiling first, then the scenario, in one Gatling run), checks PostgreSQL after initialCycle,
# prints the headline figures and writes them to perf/results/gatling-<scenario>-<stamp>.md.
# The HTML report stays in perf/gatling/target/gatling/. See perf/gatling/README.md for the knobs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/perf/gatling"
SCENARIO="${1:-}"
USERS="${2:-}"
case "$SCENARIO" in
  initialCycle) CLASS=io.iamcore.perf.InitialCycleSimulation ;;
  steadyState) CLASS=io.iamcore.perf.SteadyStateSimulation ;;
  tokenResolution) CLASS=io.iamcore.perf.TokenResolutionSimulation ;;
  *) echo "usage: perf/run.sh <initialCycle|steadyState|tokenResolution> [users]" >&2; exit 2 ;;
esac

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$MODULE/target/runs/$SCENARIO-$STAMP"
RESULT_MD="$ROOT/perf/results/gatling-$SCENARIO-$STAMP.md"
JAR="${BENCH_JAR:-$ROOT/target/iamcore-gateway.jar}"
AUDIENCE="api://iamcore-gatling"
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAtX)
DB="gatling_${SCENARIO,,}_${STAMP,,}"
GW_PID=""; PT_PID=""
mkdir -p "$WORK" "$ROOT/perf/results"

log() { printf '[run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

cleanup() {
  [[ -n "$GW_PID" ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  [[ -n "$PT_PID" ]] && kill "$PT_PID" 2>/dev/null && wait "$PT_PID" 2>/dev/null || true
  if [[ -z "${GATEWAY_URL:-}" && "${KEEP_DB:-0}" != 1 ]]; then
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" 2>/dev/null || true
  fi
}
trap cleanup EXIT

wait_http() { # url seconds [pid that must stay alive]
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    if [[ -n "${3:-}" ]] && ! kill -0 "$3" 2>/dev/null; then return 1; fi
    sleep 0.25
  done
  return 1
}

# --- the gateway jar: built only when missing or older than the sources ----------------------------
if [[ -z "${BENCH_JAR:-}" ]]; then
  if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
    log "building the gateway jar"
    (cd "$ROOT" && mvn -B -o -q package -Dmaven.test.skip=true)
  fi
fi
[[ -f "$JAR" ]] || die "no gateway jar at $JAR"

# --- keys: the gateway trusts them through a file JWKS; the simulation mints tokens with them ------
java "$MODULE/tools/LocalKeys.java" "$WORK/keys" > /dev/null

# --- the gateway (unless GATEWAY_URL points at a running one) ---------------------------------------
if [[ -n "${GATEWAY_URL:-}" ]]; then
  BASE="$GATEWAY_URL"
  log "using the running gateway at $BASE (it must trust $WORK/keys/jwks.json and audience $AUDIENCE)"
  DB="${GATEWAY_DB:-}"
else
  pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL is not listening on 127.0.0.1:5432"
  createdb -h 127.0.0.1 -U postgres "$DB"
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT"
  log "gateway on $BASE, database $DB"
  # shellcheck disable=SC2086
  # a generous connect timeout: on a loaded 2-core machine the default 1 s can fail the start
  IAMCORE_DB_CONNECT_TIMEOUT_MS="${IAMCORE_DB_CONNECT_TIMEOUT_MS:-10000}" \
  IAMCORE_HTTP_PORT="$PORT" IAMCORE_DB_URL="postgresql://postgres@127.0.0.1:5432/$DB" \
    IAMCORE_JWKS_URI="file://$WORK/keys/jwks.json" IAMCORE_API_AUDIENCES="$AUDIENCE" \
    java ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  wait_http "$BASE/health/ready" 90 "$GW_PID" || { tail -20 "$WORK/gateway.log" >&2; die "the gateway did not become ready"; }
fi

# --- the plaintext ceiling server ---------------------------------------------------------------------
PLAINTEXT=""
if [[ "${CEILING:-1}" == 1 ]]; then
  PT_PORT="$(free_port)"
  java -cp "$JAR" "$MODULE/tools/PlaintextServer.java" "$PT_PORT" > "$WORK/plaintext.log" 2>&1 &
  PT_PID=$!
  PLAINTEXT="http://127.0.0.1:$PT_PORT"
  wait_http "$PLAINTEXT/" 60 "$PT_PID" || die "the plaintext server did not start"
fi

# --- the run --------------------------------------------------------------------------------------------
# The machine may be shared: wait up to QUIET_MAX seconds for the 1-minute load to drop below the cores.
for ((waited = 0; waited < ${QUIET_MAX:-0}; waited += 5)); do
  awk -v n="$(nproc)" '{exit !($1 < n)}' /proc/loadavg && break
  sleep 5
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_sample() { awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat; }
proc_ticks() { if [[ -n "$1" && -r "/proc/$1/stat" ]]; then awk '{print $14+$15}' "/proc/$1/stat"; else echo 0; fi; }
CPU_A="$(cpu_sample)"; GW_A="$(proc_ticks "$GW_PID")"; T_A="$(date +%s.%N)"
props=(-Dgatling.simulationClass="$CLASS" -Dgateway="$BASE" -Dplaintext="$PLAINTEXT" -Dkeys="$WORK/keys"
  -DapiAudience="$AUDIENCE" -Dout="$WORK" -Drun="${STAMP,,}" -DgatewayPid="${GW_PID:-0}")
if [[ -n "$USERS" ]]; then props+=(-Dusers="$USERS"); fi
for knob in tenants:TENANTS concurrency:CONCURRENCY patchShare:PATCH_SHARE groups:WITH_GROUPS groupSize:GROUP_SIZE \
    durationSeconds:DURATION ceilingSeconds:CEILING_SECONDS p99Millis:P99_MS warmupUsers:WARMUP_USERS; do
  var="${knob#*:}"; value="${!var:-}"
  if [[ -n "$value" ]]; then props+=("-D${knob%%:*}=$value"); fi
done
log "gatling: $SCENARIO ${props[*]:1}"
set +e
(cd "$MODULE" && mvn -B -o test-compile gatling:test "${props[@]}") 2>&1 | tee "$WORK/gatling.log" | grep -vE '^\[(INFO|WARNING)\] (Download|--- |Building|Nothing to compile|Changes detected|Compiling|BUILD|Total time|Finished at|-{5,}|$)'
GATLING_RC=${PIPESTATUS[0]}
set -e
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
CPU_B="$(cpu_sample)"; GW_B="$(proc_ticks "$GW_PID")"; T_B="$(date +%s.%N)"
CPU_USE="$(awk -v a="$CPU_A" -v b="$CPU_B" -v g0="$GW_A" -v g1="$GW_B" -v t0="$T_A" -v t1="$T_B" -v hz="$(getconf CLK_TCK)" \
  'BEGIN {split(a,x," "); split(b,y," "); t=y[1]-x[1]; i=y[2]-x[2];
          printf "machine busy %.0f %%, gateway %.2f cores", (t>0 ? 100*(t-i)/t : 0), (g1-g0)/hz/(t1-t0)}')"
REPORT_DIR="$(ls -dt "$MODULE"/target/gatling/*/ 2>/dev/null | head -1)"
[[ -n "$REPORT_DIR" && -f "$REPORT_DIR/index.html" && -f "$WORK/summary.json" ]] || die "no Gatling report (gatling exit code $GATLING_RC); see $WORK/gatling.log"

# --- the database check (initialCycle): every acknowledged user stored once, as last written --------
VERIFY="not run"
if [[ "$SCENARIO" == initialCycle ]]; then
  if [[ -n "$DB" ]]; then
    connectors="$(jq -r '[.connectors[] | "'"'"'" + . + "'"'"'"] | join(",")' "$WORK/summary.json")"
    VERIFY="$("${PSQL[@]}" -d "$DB" -v connectors="$connectors" \
      -c "CREATE TEMP TABLE expected (connector_id uuid, id uuid, external_id text, user_name text,
            display_name text, department text, active boolean, work_email text, certain boolean)" \
      -c "\\copy expected FROM '$WORK/created.csv' WITH (FORMAT csv)" \
      -f "$MODULE/verify-initial-cycle.sql")" || die "the database check could not run"
  else
    VERIFY="skipped: GATEWAY_DB not set for the running gateway"
  fi
  log "database check: $VERIFY"
fi

# --- figures ----------------------------------------------------------------------------------------
python3 "$MODULE/report.py" --scenario "$SCENARIO" --report-dir "${REPORT_DIR%/}" --out-dir "$WORK" \
  --verify "$VERIFY" --gatling-rc "$GATLING_RC" \
  --command "perf/run.sh $SCENARIO ${USERS}" --env "$(env | grep -E '^(IAMCORE_[A-Z_]+|TENANTS|CONCURRENCY|PATCH_SHARE|WITH_GROUPS|GROUP_SIZE|DURATION|CEILING_SECONDS|P99_MS|WARMUP_USERS)=' | sort | tr '\n' ' ')" \
  --machine "nproc=$(nproc), $(java -version 2>&1 | head -1), PostgreSQL $("${PSQL[@]}" -d postgres -c 'SHOW server_version'), load average before/after: $LOAD_BEFORE / $LOAD_AFTER; during the Gatling run (set-up, warm-up, ceiling, scenario): $CPU_USE" \
  --out "$RESULT_MD"
log "results: $RESULT_MD; HTML report: $REPORT_DIR/index.html; logs: $WORK"

[[ "$GATLING_RC" == 0 ]] || die "Gatling failed (assertions or errors), exit code $GATLING_RC"
if [[ "$SCENARIO" == initialCycle && "$VERIFY" != ok* && "$VERIFY" != skipped* ]]; then die "database check: $VERIFY"; fi
