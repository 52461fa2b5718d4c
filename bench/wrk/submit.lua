-- wrk script: POST one observation per request, each with a unique key, and count answers.
--
-- Environment: WRK_TOKEN (API token, sent as "Authorization: Bearer ..."), WRK_PATH (default
-- /api/observations), WRK_RUN (a prefix that makes this run's keys unique).
-- Keys are RUN-THREAD-N: the thread id is set in setup(), N counts per thread, so no two
-- requests of a run share a key and a 200 ("duplicate") answer means something went wrong.
-- done() prints one line "WRK_RESULT {json}" with the answers by class and the latency
-- percentiles (microseconds) that bench/api.py and tests/api/test_load.py read.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = os.getenv("WRK_RUN") or "wrk"
  token = os.getenv("WRK_TOKEN") or ""
  path = os.getenv("WRK_PATH") or "/api/observations"
  headers = { ["Content-Type"] = "application/json" }
  if token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  sent = 0
  created = 0
  duplicates = 0
  other2xx = 0
  client4xx = 0
  server5xx = 0
end

function request()
  sent = sent + 1
  local n = sent
  local body = string.format(
    '{"source_kind":"monitor_team","source_name":"wrk load","key":"%s-%d-%d",' ..
    '"start":"2025-04-20T%02d:%02d:00+03:00","act":"shelling.artillery",' ..
    '"lat":%.5f,"lon":%.5f,"radius_m":%d,"sig_explosion":%d,"perception":"heard",' ..
    '"text":"%d explosions heard"}',
    run, tid, n, n % 24, n % 60, 47.6 + (n % 9973) / 10000, 36.9 + (n % 9967) / 5000,
    500 + n % 3000, 1 + n % 12, 1 + n % 12)
  return wrk.format("POST", path, headers, body)
end

function response(status, hdrs, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    duplicates = duplicates + 1
  elseif status >= 200 and status < 300 then
    other2xx = other2xx + 1
  elseif status >= 500 then
    server5xx = server5xx + 1
  else
    client4xx = client4xx + 1
  end
end

function done(summary, latency, requests)
  local totals = { sent = 0, created = 0, duplicates = 0, other2xx = 0, client4xx = 0,
                   server5xx = 0 }
  for _, t in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (t:get(name) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"sent":%d,"created":%d,"duplicates":%d,' ..
    '"other2xx":%d,"client4xx":%d,"server5xx":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, totals.sent, totals.created, totals.duplicates,
    totals.other2xx, totals.client4xx, totals.server5xx, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
