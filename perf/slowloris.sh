#!/usr/bin/env bash
# Legitimate latency with and without 1,000 slowloris connections (slowhttptest), same gateway,
# same run: wrk against an Entra probe (GET /Users?filter=externalId eq …, answered from memory)
# for DURATION, then again while slowhttptest holds CONNS slow-header connections.
#   perf/slowloris.sh            # prints p50/p99 before and during, and the ratio
# Knobs: DURATION (20s) CONNS (1000) BENCH_JAR (target/iamcore-gateway.jar) PGHOST/PGPORT/PGUSER
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-20s}"; CONNS="${CONNS:-1000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
JAR="${BENCH_JAR:-target/iamcore-gateway.jar}"
[[ -f "$JAR" ]] || mvn -B -q package -Dmaven.test.skip=true
WORK="$(mktemp -d /tmp/slowloris-XXXX)"; DB="slowloris_$(date +%s)"; PORT=18481
psql -X -q -c "CREATE DATABASE $DB" postgres
java perf/tools/BenchTokens.java "$WORK" api://iamcore-slowloris > "$WORK/admin.jwt"
IAMCORE_DB_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DB" IAMCORE_HTTP_PORT=$PORT \
  IAMCORE_JWKS_URI="file://$WORK/jwks.json" IAMCORE_API_AUDIENCES=api://iamcore-slowloris \
  java -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
GW=$!
trap 'kill $GW 2>/dev/null; wait $GW 2>/dev/null; psql -X -q -c "DROP DATABASE IF EXISTS $DB" postgres; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$PORT/health/ready >/dev/null && break; sleep 1; done
ADMIN="$(cat "$WORK/admin.jwt")"
CONNECTOR=$(curl -s -X POST localhost:$PORT/iamcore/sync/connectors -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"Entra ID","templateId":"SCIM"}' | jq -r .id)
SECRET=$(curl -s -X POST localhost:$PORT/iamcore/sync/connectors/$CONNECTOR/secrets -H "Authorization: Bearer $ADMIN" | jq -r .secretToken)
URL="http://127.0.0.1:$PORT/iamcore/beta/sync/connectors/$CONNECTOR/scim/Users?filter=externalId%20eq%20%22nobody%22"
measure() { wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $SECRET" "$URL" | tee "$WORK/$1.txt" >/dev/null; }
pct() { awk -v p="$2" '$1==p {print $2}' "$WORK/$1.txt"; }
wrk -t2 -c32 -d10s -H "Authorization: Bearer $SECRET" "$URL" >/dev/null   # warm-up
measure before
slowhttptest -c "$CONNS" -H -i 5 -r 500 -l 120 -s 8192 -t GET -u "http://127.0.0.1:$PORT/health/live" \
  -p 3 -o "$WORK/slow" > "$WORK/slowhttptest.log" 2>&1 &
SLOW=$!
sleep 10
measure during
kill $SLOW 2>/dev/null || true
refused=$(curl -s localhost:$PORT/metrics | awk '/^iamcore_http_refused_total\{reason="slow_client"/ {print $2}')
printf 'before: p50 %s p99 %s req/s %s\n' "$(pct before 50%)" "$(pct before 99%)" "$(awk '/Requests\/sec/ {print $2}' "$WORK/before.txt")"
printf 'during %s slowloris connections: p50 %s p99 %s req/s %s\n' "$CONNS" "$(pct during 50%)" "$(pct during 99%)" \
  "$(awk '/Requests\/sec/ {print $2}' "$WORK/during.txt")"
printf 'slow clients cut off by the header deadline: %s\n' "${refused:-0}"
