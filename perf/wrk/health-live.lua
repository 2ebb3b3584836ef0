-- wrk script for the plaintext ceiling: GET /health/live (a trivial JSON handler on the same
-- Vert.x router as SCIM). Same response()/done() bookkeeping as scim-create.lua, so that the
-- client-side cost per request is comparable; anything but 200 counts as an error.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_no", next_id)
  table.insert(threads, thread)
end

ok200 = 0
bad = 0

function response(status, hdrs, body)
  if status == 200 then ok200 = ok200 + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local ok, nok = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok200") or 0)
    nok = nok + (t:get("bad") or 0)
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH responses=%d ok=%d non_ok=%d rps=%.1f ok_rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d secs=%.2f\n",
    summary.requests, ok, nok, summary.requests / secs, ok / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, secs))
end
