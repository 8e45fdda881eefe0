-- Shared by the wrk scripts of bench/run.sh (loaded with dofile): a thread id for random seeds,
-- and done(), which prints one RESULT line the script parses: requests/s, latency percentiles
-- (wrk --latency prints 50/75/90/99 only; p99.9 comes from here) and every kind of error.
-- errors.status is wrk's count of responses with a status above 399 (non-2xx/3xx).
local threads_started = 0

function setup(thread)
  threads_started = threads_started + 1
  thread:set("tid", threads_started)
end

function seed_random()
  math.randomseed(os.time() + (tid or 0) * 7919)
end

-- Lines of a file as a list; numbers when numeric is true.
function read_lines(path, numeric)
  local list = {}
  for line in io.lines(path) do
    if line ~= "" then list[#list + 1] = numeric and tonumber(line) or line end
  end
  assert(#list > 0, "empty list: " .. path)
  return list
end

function done(s, latency, requests)
  local e = s.errors
  local ms = function(p) return latency:percentile(p) / 1000 end
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p75_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f " ..
    "non2xx3xx=%d connect=%d read=%d write=%d timeout=%d\n",
    s.requests, s.duration / 1e6, s.requests / (s.duration / 1e6), ms(50), ms(75), ms(90), ms(99), ms(99.9),
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
