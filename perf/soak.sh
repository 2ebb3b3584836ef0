#!/usr/bin/env bash
# Soak: MINUTES (10) of Entra's steady-state mix (Gatling steadyState) against one gateway with a
# fixed heap (HEAP, 512m), then the verdict: post-GC heap slope over the second half, blocked-thread
# warnings, and file descriptors and PostgreSQL connections at the start vs the end.
#   perf/soak.sh            # writes perf/results/soak-<stamp>.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MINUTES="${MINUTES:-10}"; HEAP="${HEAP:-512m}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d /tmp/soak-XXXX)"
GCLOG="$WORK/gc.log"
export GATEWAY_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -Xlog:gc:file=$GCLOG:uptime"
(
  while sleep 20; do
    pid="$(pgrep -f -- "-Xlog:gc:file=$GCLOG" | head -1 || true)"
    [[ -z "$pid" ]] && continue
    fds="$(ls /proc/"$pid"/fd 2>/dev/null | wc -l)"
    conns="$(psql -h 127.0.0.1 -U postgres -qAtX -c \
      "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'gatling_steadystate%'" postgres)"
    echo "$(date +%s) $fds $conns"
  done
) > "$WORK/samples.txt" &
SAMPLER=$!
status=0
DURATION=$((MINUTES * 60)) P99_MS="${P99_MS:-5000}" perf/run.sh steadyState || status=$?
kill "$SAMPLER" 2>/dev/null || true
GWLOG="$(ls -td perf/gatling/target/runs/steadyState-*/ | head -1)gateway.log"
python3 - "$GCLOG" "$WORK/samples.txt" "$GWLOG" "$MINUTES" "$HEAP" "$status" > "perf/results/soak-$STAMP.md" <<'PY'
import re, sys
gc, samples, gwlog, minutes, heap, status = sys.argv[1:]
points = []
for line in open(gc):
    m = re.search(r'\[(\d+\.\d+)s\].*Pause.*?(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        points.append((float(m.group(1)), int(m.group(3))))
half = points[len(points) // 2:]
def slope(pts):
    if len(pts) < 2:
        return float('nan')
    n = len(pts); mx = sum(p[0] for p in pts) / n; my = sum(p[1] for p in pts) / n
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den * 60 if den else float('nan')
rows = [l.split() for l in open(samples) if l.strip()]
blocked = sum(1 for l in open(gwlog, errors='replace') if 'has been blocked' in l)
print(f"# Soak {minutes} min, heap {heap} (Gatling steadyState exit {status})\n")
print(f"- GC pauses: {len(points)}; post-GC heap first/last: {points[0][1] if points else '?'} / {points[-1][1] if points else '?'} MB")
print(f"- post-GC heap slope over the second half: {slope(half):.2f} MB/min")
print(f"- blocked-thread warnings in the gateway log: {blocked}")
if rows:
    print(f"- file descriptors first/last/max: {rows[0][1]} / {rows[-1][1]} / {max(int(r[1]) for r in rows)}")
    print(f"- PostgreSQL connections first/last/max: {rows[0][2]} / {rows[-1][2]} / {max(int(r[2]) for r in rows)}")
PY
cat "perf/results/soak-$STAMP.md"
exit "$status"
