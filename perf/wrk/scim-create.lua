-- wrk script: SCIM POST /Users with a unique userName and externalId per request.
--
--   wrk -t2 -c64 -d20s -s perf/wrk/scim-create.lua <base>/iamcore/beta/sync/connectors/<id>/scim/Users \
--       -- <secretToken> <body-template.json> [run-tag]
--
-- The body template is the Entra fixture's body with the placeholder @@U@@ where the userName /
-- externalId stem goes (perf/writer-bench.sh makes it with jq). Every thread gets its own prefix
-- (run tag + thread number) and a counter, so names never repeat within a run.
-- Any response other than 201 is counted, and the first few are printed with their bodies.
-- With a 4th argument (a path prefix), every thread appends the userName of each 201 it receives
-- to <prefix>-t<n>, one per line, so the caller can check that each acknowledged user is stored.
-- done() prints one machine-readable line starting with "BENCH ".

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_no", next_id)
  table.insert(threads, thread)
end

local counter = 0
local prefix, template, headers, ackfile
ok201 = 0
bad = 0
local shown = 0

function init(args)
  local token = args[1]
  local path = args[2]
  local tag = args[3] or tostring(os.time())
  local f = assert(io.open(path, "r"))
  template = f:read("*a")
  f:close()
  prefix = "b" .. tag .. "-t" .. thread_no .. "-"
  if args[4] then
    ackfile = assert(io.open(args[4] .. "-t" .. thread_no, "w"))
    ackfile:setvbuf("line") -- wrk never closes thread states: keep nothing buffered
  end
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/scim+json",
    ["Accept"] = "application/scim+json",
  }
end

function request()
  counter = counter + 1
  local stem = prefix .. counter
  local body = template:gsub("@@U@@", stem)
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
  if status == 201 then
    ok201 = ok201 + 1
    if ackfile then
      ackfile:write((body:match('"userName"%s*:%s*"([^"]+)"') or "?"), "\n")
    end
  else
    bad = bad + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write("non-201: " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local ok, nok = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok201") or 0)
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
