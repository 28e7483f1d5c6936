-- wrk script for bench/run: one fixed request, described by the environment
--   BENCH_METHOD (GET or POST), BENCH_BODY (sent as a form), BENCH_AUTH (the Authorization header),
-- and at the end one line "BENCH_WRK {json}": throughput, latency percentiles, failed requests.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Accept"] = "application/json"

local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

local auth = os.getenv("BENCH_AUTH") or ""
if auth ~= "" then
  wrk.headers["Authorization"] = auth
end

function done(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'BENCH_WRK {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
