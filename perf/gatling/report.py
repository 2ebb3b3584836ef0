#!/usr/bin/env python3
"""Headline figures of one Gatling run, for perf/run.sh.

Reads the per-request statistics from Gatling's HTML report (index.html's stats table: count,
p50, p99, p99.9, max, with the percentiles configured in src/test/resources/gatling.conf), the
run's summary.json (phase spans, counts) and two /metrics snapshots the simulation took at the
start and the end of the measured phase; prints a Markdown report and writes it to --out.
"""
import argparse
import html
import json
import os
import re
import sys


def stats_table(index_html):
    """{request name: {"count", "ko", percentile header: ms, ...}} from Gatling's stats table."""
    text = open(index_html, encoding="utf-8").read()
    headers = {}
    for col, label in re.findall(r'<th id="col-(\d+)"[^>]*><span>(?:<abbr[^>]*>)?([^<]+)', text):
        headers[int(col)] = label.strip()
    rows = {}
    for row in re.findall(r'<tr id="[^"]+"[^>]*>(.*?)</tr>', text, re.S):
        name = re.search(r'class="ellipsed-name">([^<]+)<', row)
        if not name:
            continue
        cells = {int(c): v for c, v in re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', row)}
        entry = {headers.get(c, str(c)): v for c, v in cells.items()}
        rows[html.unescape(name.group(1))] = entry
    return rows


def metric(path, name):
    """Sum of every sample of `name` (all label sets) in a Prometheus text file, or None."""
    if not os.path.exists(path):
        return None
    total, seen = 0.0, False
    for line in open(path, encoding="utf-8"):
        if line.startswith(name + " ") or line.startswith(name + "{"):
            total += float(line.rsplit(" ", 1)[1])
            seen = True
    return total if seen else None


def comment(path, name):
    """The numbers of a `# name n…` line the simulation appended to a snapshot, or None."""
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8"):
        if line.startswith("# " + name + " "):
            return [float(x) for x in line.split()[2:]]
    return None


def cpu(start, end):
    """(machine busy fraction, gateway cores) between the two snapshots, or Nones."""
    w0, w1 = comment(start, "perf_wall_millis"), comment(end, "perf_wall_millis")
    m0, m1 = comment(start, "perf_machine_cpu_ticks"), comment(end, "perf_machine_cpu_ticks")
    g0, g1 = comment(start, "perf_gateway_cpu_ticks"), comment(end, "perf_gateway_cpu_ticks")
    if not (w0 and w1 and m0 and m1):
        return None, None, None
    busy = 1 - (m1[1] - m0[1]) / (m1[0] - m0[0]) if m1[0] > m0[0] else None
    gw_secs = (g1[0] - g0[0]) / os.sysconf("SC_CLK_TCK") if g0 and g1 else None
    cores = gw_secs / ((w1[0] - w0[0]) / 1000) if gw_secs is not None and w1[0] > w0[0] else None
    return busy, cores, gw_secs


def delta(a, b, name):
    x, y = metric(a, name), metric(b, name)
    return None if x is None or y is None else y - x


def fmt(x, digits=0):
    return "–" if x is None else f"{x:,.{digits}f}"


def main():
    p = argparse.ArgumentParser()
    for arg in ("scenario", "report-dir", "out-dir", "verify", "gatling-rc", "command", "env", "machine", "out"):
        p.add_argument("--" + arg, required=True)
    a = p.parse_args()
    stats = stats_table(os.path.join(a.report_dir, "index.html"))
    summary = json.load(open(os.path.join(a.out_dir, "summary.json")))
    phases = summary.get("phases", {})

    def span(phase):
        s = phases.get(phase)
        return None if not s or s["endMillis"] <= s["startMillis"] else (s["endMillis"] - s["startMillis"]) / 1000

    pct = lambda row, label: float(row[label]) if row and row.get(label, "-") not in ("-", "") else None
    ceiling_rows = stats.get("plaintext GET")
    ceiling_secs = span("ceiling")
    ceiling = int(ceiling_rows["Total"]) / ceiling_secs if ceiling_rows and ceiling_secs else None
    measured = summary.get("measuredPhase", "provisioning")
    secs = span(measured)
    scenario_rows = {k: v for k, v in stats.items() if k not in ("plaintext GET", "All Requests")}
    requests = sum(int(v["Total"]) for v in scenario_rows.values())
    failed = sum(int(v["KO"]) for v in stats.values() if v is not stats.get("All Requests"))
    req_s = requests / secs if secs else None
    start, end = os.path.join(a.out_dir, "metrics-start.txt"), os.path.join(a.out_dir, "metrics-end.txt")
    commits = delta(start, end, "iamcore_writer_commit_seconds_count")
    commit_secs = delta(start, end, "iamcore_writer_commit_seconds_sum")
    rows_sum = delta(start, end, "iamcore_writer_batch_rows_sum")
    batches = delta(start, end, "iamcore_writer_batch_rows_count")
    busy, gw_cores, gw_secs = cpu(start, end)
    ratio = lambda x: f"{x / ceiling:.3f}" if x is not None and ceiling else "–"

    lines = [f"### Gatling {a.scenario}, {summary.get('users', '?'):,} users ({os.path.basename(a.out.rstrip('.md'))})", "",
             f"Command: `{a.env.strip() + ' ' if a.env.strip() else ''}{a.command.strip()}`", "",
             f"Machine: {a.machine}", "",
             f"Settings: " + ", ".join(f"{k}={summary[k]}" for k in
                                       ("tenants", "concurrency", "patchShare", "groups", "durationSeconds", "run")
                                       if k in summary), "",
             "| figure | value | × plaintext ceiling |", "|---|---|---|"]
    if ceiling is not None:
        lines.append(f"| plaintext ceiling (`GET /` on a trivial Vert.x handler, same connections) | {fmt(ceiling)} req/s | 1.000 |")
    if a.scenario == "initialCycle":
        created = summary.get("created")
        ups = created / secs if created and secs else None
        lines.append(f"| users provisioned (201, then verified in PostgreSQL) | {fmt(created)} in {fmt(secs, 1)} s = **{fmt(ups)} users/s** | {ratio(ups)} |")
    lines.append(f"| scenario requests | {fmt(requests)} in {fmt(secs, 1)} s = {fmt(req_s)} req/s | {ratio(req_s)} |")
    if a.scenario == "tokenResolution" and summary.get("identities"):
        lines.append(f"| distinct oids (tokens) resolved | {summary['identities']:,} | |")
    lines.append(f"| failed requests | {failed} | |")
    if busy is not None:
        lines.append(f"| CPU in the measured phase: machine busy / gateway process | {100 * busy:.0f} % of {os.cpu_count()} cores / "
                     f"{fmt(gw_cores, 2)} cores | |")
    if gw_secs and requests:
        per_user = f"{fmt(1000 * gw_secs / summary['created'], 2)} ms per user, " if a.scenario == "initialCycle" and summary.get("created") else ""
        lines.append(f"| gateway CPU time | {per_user}{fmt(1000 * gw_secs / requests, 2)} ms per request | |")
    if commits:
        lines.append(f"| database commits (group-commit transactions) | {fmt(commits)} = {fmt(commits / secs if secs else None)} commits/s | |")
        lines.append(f"| mean batch size | {fmt(rows_sum / batches if batches else None, 1)} changes | |")
        lines.append(f"| mean commit time (send → COMMIT returned) | {fmt(1000 * commit_secs / commits, 2)} ms | |")
    else:
        lines.append("| database commits | 0 (no writes in the measured phase) | |")
    if ceiling is not None and req_s is not None and req_s > ceiling:
        lines.append("")
        lines.append("⚠ The scenario ran faster than the ceiling: either the plaintext phase got less CPU than the "
                     "scenario (other processes on this machine), or both are bounded by Gatling itself on this machine; "
                     "the × ceiling column of this run is no measure of the gateway.")
    lines += ["", "| request | count | p50 ms | p99 ms | p99.9 ms | max ms |", "|---|---|---|---|---|---|"]
    for name, row in stats.items():
        if name == "All Requests":
            continue
        lines.append(f"| {name} | {int(row['Total']):,} | {fmt(pct(row, '50th pct'))} | {fmt(pct(row, '99th pct'))} | "
                     f"{fmt(pct(row, '99.9th pct'))} | {fmt(pct(row, 'Max'))} |")
    lines += ["", f"Database check: {a.verify}", "",
              f"Gatling exit code {a.gatling_rc} (assertions: no failed request, p99 of every request type below the bound); "
              f"HTML report: `{a.report_dir}`", ""]
    report = "\n".join(lines)
    open(a.out, "w", encoding="utf-8").write(report)
    print(report)


if __name__ == "__main__":
    sys.exit(main())
