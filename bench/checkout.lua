-- wrk script: every request places an order for one customer (round robin over the customers
-- the bench script registered), with a fresh Idempotency-Key, for one unit of one product.
-- Products: the hot one (little stock, sells out during the run) one time in five, the others otherwise.
local customers = {}
local products = {}
local hot = nil
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_CUSTOMERS")) do
    local token, address = line:match("([^ ]+) ([^ ]+)")
    customers[#customers + 1] = { token = token, address = address }
  end
  for line in io.lines(os.getenv("BENCH_PRODUCTS")) do
    products[#products + 1] = tonumber(line)
  end
  hot = tonumber(os.getenv("BENCH_HOT"))
  math.randomseed(os.time() + tid * 7919)
end

function request()
  counter = counter + 1
  local c = customers[(counter * 7 + tid) % #customers + 1]
  local product = (counter % 5 == 0) and hot or products[math.random(#products)]
  local body = string.format('{"addressId":"%s","items":[{"productId":%d,"quantity":1}]}', c.address, product)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. c.token,
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid, counter, math.random(1, 1000000000)),
  }
  return wrk.format("POST", "/api/v1/orders", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors_connect=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect, summary.errors.timeout, summary.errors.status))
end
