-- Checkout, as bench/checkout.lua does it: every request is POST /api/v1/orders for one customer of
-- BENCH_CUSTOMERS ("token address" lines, round robin) with a fresh Idempotency-Key, one unit of
-- one product of BENCH_IDS; one request in five asks for BENCH_HOT (a single hot row). Here every
-- product has stock for the whole run, so any non-2xx answer is an error (selling out is the flash
-- sale's scenario).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local customers, products, hot = {}, nil, nil
local counter = 0

function init(args)
  seed_random()
  for _, line in ipairs(read_lines(os.getenv("BENCH_CUSTOMERS"))) do
    local token, address = line:match("^([^ ]+) ([^ ]+)")
    customers[#customers + 1] = { token = token, address = address }
  end
  products = read_lines(os.getenv("BENCH_IDS"), true)
  hot = tonumber(os.getenv("BENCH_HOT"))
end

function request()
  counter = counter + 1
  local c = customers[(counter * 7 + tid) % #customers + 1]
  local product = (counter % 5 == 0) and hot or products[math.random(#products)]
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. c.token,
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid, counter, math.random(1, 1000000000)),
  }, string.format('{"addressId":"%s","items":[{"productId":%d,"quantity":1}]}', c.address, product))
end
