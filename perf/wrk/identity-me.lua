-- wrk script: GET /iamcore/identities/me, cycling through many distinct user tokens.
--
--   wrk -t2 -c64 -d20s --latency -s perf/wrk/identity-me.lua <base>/iamcore/identities/me -- <tokens.txt> [count]
--
-- tokens.txt has one bearer token per line (perf/tools/BenchTokens.java writes it, one per oid of
-- the loaded identities); the first [count] (default all) are used. Thread n starts at a different
-- offset and walks the list round-robin, so every token is used over and over (the gateway
-- verifies each once, then serves it from its verification cache while exp holds).
-- Without a tokens file (plaintext ceiling) it sends a plain GET. Any status outside 2xx/3xx counts
-- as an error (wrk's own count); done() prints one machine-readable line starting with "BENCH ".
-- There is deliberately no response() callback: with one, wrk parses every answer's headers and
-- copies its body into Lua, a client cost that grows with the answer and is paid on the cores the
-- server under test shares.

local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_no", next_id)
end

local requests = {}
local n = 0
local i = 0

function init(args)
  if args[1] then
    local limit = tonumber(args[2] or "0")
    for line in io.lines(args[1]) do
      if line ~= "" then
        n = n + 1
        requests[n] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. line })
        if limit > 0 and n >= limit then break end
      end
    end
  end
  if n == 0 then
    n = 1
    requests[1] = wrk.format("GET", nil)
  end
  i = math.floor((thread_no - 1) * n / 2) % n
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  -- wrk counts answers outside 2xx/3xx itself; /me and the plaintext server answer only 200.
  local nok = e.status
  local ok = summary.requests - nok
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH responses=%d ok=%d non_ok=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d secs=%.2f\n",
    summary.requests, ok, nok, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, secs))
end
