#!/usr/bin/env bash
# Group membership PATCH cost vs group size: add/remove ONE member of groups of 1k, 10k and 100k
# members (PRODUCT.md §7: the 100k case within 1.5x of the 1k case).
#
#   perf/group-bench.sh
#
# Starts PostgreSQL if down, builds the jar if missing (then copies it), creates a fresh database,
# starts the gateway on a free port, creates a SCIM connector with groupsEnabled and a secret,
# creates one group per size through the API, seeds its members straight into PostgreSQL (users
# in cs_object, one group_member row each: seeding 100k members through the API would only measure
# the seeding), then runs perf/tools/GroupBench.java: sequential per-op latency of Entra's
# "Add members" and "remove members[value eq]" PATCHes, then concurrent throughput. Checks after the
# run that every group still has exactly its seeded members and that the group documents did not
# grow. Writes perf/results/groups-<stamp>.md.
#
# Knobs: SIZES (1000 10000 100000) OPS (500 add/remove pairs per size) CONC (16) DURATION_S (10)
#   WARMUP (300 pairs) BENCH_JAR PGHOST PGPORT PGUSER KEEP_DB (0)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${SIZES:-1000 10000 100000}"
OPS="${OPS:-500}"
CONC="${CONC:-16}"
SECONDS_RUN="${DURATION_S:-10}"
WARMUP="${WARMUP:-300}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
KEEP_DB="${KEEP_DB:-0}"
AUDIENCE="api://iamcore-bench"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="/tmp/group-bench-$STAMP"
mkdir -p "$WORK" "$ROOT/perf/results"
RESULT_MD="$ROOT/perf/results/groups-$STAMP.md"
export PGHOST PGPORT PGUSER PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)
DB="gb_${STAMP,,}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

GW_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$GW_PID" ]] && kill -0 "$GW_PID" 2>/dev/null; then
    kill "$GW_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$GW_PID" 2>/dev/null || true
  fi
  [[ "$KEEP_DB" == 1 ]] || "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  [[ $rc -eq 0 ]] || log "exit $rc; gateway log in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  log "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
fi
SRC_JAR="${BENCH_JAR:-$ROOT/target/iamcore-gateway.jar}"
if [[ ! -f "$SRC_JAR" ]]; then
  log "building $SRC_JAR"
  mvn -B -o -q package -Dmaven.test.skip=true || die "build failed"
fi
JAR="$WORK/iamcore-gateway.jar"
cp "$SRC_JAR" "$JAR"
JAR_SHA="$(sha256sum "$JAR" | cut -c1-12)"
ADMIN_TOKEN="$(java "$ROOT/perf/tools/BenchTokens.java" "$WORK" "$AUDIENCE" 6)"

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
# A shared machine: wait (up to QUIET_MAX s) for the 1-minute load to drop below the CPU count.
for _ in $(seq 1 "${QUIET_MAX:-120}"); do
  awk -v n="$(nproc)" '{exit !($1 < n)}' /proc/loadavg && break
  sleep 1
done
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
IAMCORE_DB_CONNECT_TIMEOUT_MS=10000 IAMCORE_HTTP_PORT="$PORT" IAMCORE_DB_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DB" \
  IAMCORE_JWKS_URI="file://$WORK/jwks.json" IAMCORE_API_AUDIENCES="$AUDIENCE" \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && break
  kill -0 "$GW_PID" 2>/dev/null || { tail -20 "$WORK/gateway.log" >&2; die "gateway exited at start"; }
  sleep 0.5
done
curl -fsS -o /dev/null "$BASE/health/ready" || die "gateway not ready"

CONNECTOR="$(curl -fsS -X POST "$BASE/iamcore/sync/connectors" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name":"bench","templateId":"SCIM","configuration":{"groupsEnabled":true}}' | jq -r .id)"
SECRET="$(curl -fsS -X POST "$BASE/iamcore/sync/connectors/$CONNECTOR/secrets" -H "Authorization: Bearer $ADMIN_TOKEN" | jq -r .secretToken)"
SCIM="$BASE/iamcore/beta/sync/connectors/$CONNECTOR/scim"
TENANT="$("${PSQL[@]}" -d "$DB" -c "SELECT tenant_id FROM connector WHERE id = '$CONNECTOR'")"

# seed_users <tag> <count>: users straight into the connector space; prints nothing
seed_users() {
  "${PSQL[@]}" -d "$DB" -c "INSERT INTO cs_object (tenant_id, connector_id, object_type, id, external_id,
      name_key, doc, version, created_at, updated_at)
    SELECT '$TENANT', '$CONNECTOR', 'user', gen_random_uuid(), '$1-' || g, '$1-' || g || '@bench.example',
      jsonb_build_object('schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'),
        'userName', '$1-' || g || '@bench.example', 'displayName', 'Bench $1 ' || g, 'active', true),
      1, now(), now() FROM generate_series(1, $2) g"
}

GROUPS_ARG=""
for size in $SIZES; do
  gid="$(curl -fsS -X POST "$SCIM/Groups" -H "Authorization: Bearer $SECRET" -H 'Content-Type: application/scim+json' \
    -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"bench '"$size"'","externalId":"bench-'"$size"'"}' | jq -r .id)"
  log "seeding group of $size members ($gid)"
  seed_users "m$size" "$size"
  "${PSQL[@]}" -d "$DB" -c "INSERT INTO group_member (tenant_id, connector_id, group_id, member_id)
    SELECT tenant_id, connector_id, '$gid', id FROM cs_object WHERE connector_id = '$CONNECTOR'
    AND object_type = 'user' AND external_id LIKE 'm$size-%'"
  GROUPS_ARG+="${GROUPS_ARG:+,}$size=$gid"
done
seed_users spare $((CONC + 1))
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE cs_object" -c "VACUUM ANALYZE group_member"
"${PSQL[@]}" -d "$DB" -c "SELECT id FROM cs_object WHERE external_id LIKE 'spare-%' ORDER BY id" > "$WORK/spare.txt"
DOC_BEFORE="$("${PSQL[@]}" -d "$DB" -c "SELECT string_agg(pg_column_size(doc)::text, ',' ORDER BY name_key) FROM cs_object WHERE object_type = 'group'")"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "measuring: $OPS sequential add/remove pairs, then $CONC concurrent clients for ${SECONDS_RUN}s, per size"
TABLE="$(java "$ROOT/perf/tools/GroupBench.java" "$SCIM" "$SECRET" "$GROUPS_ARG" "$WORK/spare.txt" \
  "$OPS" "$CONC" "$SECONDS_RUN" "$WARMUP")" || die "benchmark failed (non-204 answers)"

# Checks: every group has exactly its seeded members again; the documents did not grow.
for pair in ${GROUPS_ARG//,/ }; do
  size="${pair%%=*}"; gid="${pair#*=}"
  n="$("${PSQL[@]}" -d "$DB" -c "SELECT count(*) FROM group_member WHERE group_id = '$gid'")"
  [[ "$n" == "$size" ]] || die "group of $size has $n members after the run"
done
DOC_AFTER="$("${PSQL[@]}" -d "$DB" -c "SELECT string_agg(pg_column_size(doc)::text, ',' ORDER BY name_key) FROM cs_object WHERE object_type = 'group'")"
[[ "$DOC_BEFORE" == "$DOC_AFTER" ]] || die "group documents changed size: $DOC_BEFORE -> $DOC_AFTER"
VERSIONS="$("${PSQL[@]}" -d "$DB" -c "SELECT string_agg(name_key || ' v' || version, ', ' ORDER BY name_key) FROM cs_object WHERE object_type = 'group'")"

# largest size vs smallest: mean and median of add and of remove
RATIO="$(awk -F'|' 'NR>2 {for (i=2;i<=NF;i++) gsub(/ /,"",$i); if (!f) {am=$3; a50=$4; rm=$7; r50=$8; f=1}; lam=$3; la50=$4; lrm=$7; lr50=$8}
  END {printf "largest/smallest group: add mean %.2fx, add p50 %.2fx, remove mean %.2fx, remove p50 %.2fx", lam/am, la50/a50, lrm/rm, lr50/r50}' <<<"$TABLE")"
{
  echo "# Group membership PATCH vs group size ($STAMP)"
  echo
  echo "Command: \`perf/group-bench.sh\` (SIZES=\"$SIZES\" OPS=$OPS CONC=$CONC DURATION_S=$SECONDS_RUN WARMUP=$WARMUP), jar sha256 $JAR_SHA."
  echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average before the run: $LOAD_BEFORE."
  echo "PostgreSQL $("${PSQL[@]}" -d "$DB" -c 'SHOW server_version'), same host; gateway defaults (batch max delay 2 ms)."
  echo
  echo "One PATCH adds (\`Add members [{\"\$ref\":null,\"value\":id}]\`) or removes (\`remove members[value eq \"id\"]\`) one member."
  echo "Latency: one request at a time, $OPS of each, after $WARMUP warm-up pairs. Throughput: $CONC clients on the same group."
  echo "Both run in 5 rounds interleaving the sizes (shared machine: noise falls on every size alike)."
  echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "$TABLE"
  echo
  echo "Ratio $RATIO (target ≤ 1.5x)."
  echo "Checks passed: every PATCH answered 204; each group has exactly its seeded members afterwards;"
  echo "group document sizes unchanged ($DOC_AFTER bytes); versions after the run: $VERSIONS."
} > "$RESULT_MD"
cat "$RESULT_MD"
log "written $RESULT_MD"
