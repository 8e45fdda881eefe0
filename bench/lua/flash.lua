-- Flash sale: every request is POST /api/v1/flash-sales/{BENCH_SALE}/orders for one customer of
-- BENCH_CUSTOMERS ("token address" lines, round robin) with a fresh Idempotency-Key. A 201 is a unit
-- won, a 409 the answer every other attempt is meant to get (sold out; already bought for a winner
-- trying again): they are counted, not errors. Errors are any other status over 399, and wrk's own.
-- done() prints common.lua's RESULT line and one FLASH line: created=, refused= and other=.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local common_setup, common_done = setup, done
local threads, customers, sale = {}, {}, nil
local counter = 0
created, refused, other = 0, 0, 0

function setup(thread)
  common_setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  seed_random()
  for _, line in ipairs(read_lines(os.getenv("BENCH_CUSTOMERS"))) do
    local token, address = line:match("^([^ ]+) ([^ ]+)")
    customers[#customers + 1] = { token = token, address = address }
  end
  sale = os.getenv("BENCH_SALE")
end

function request()
  counter = counter + 1
  local c = customers[(counter * 7 + tid) % #customers + 1]
  return wrk.format("POST", "/api/v1/flash-sales/" .. sale .. "/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. c.token,
    ["Idempotency-Key"] = string.format("flash-%d-%d-%d", tid, counter, math.random(1, 1000000000)),
  }, string.format('{"addressId":"%s"}', c.address))
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then refused = refused + 1
  else other = other + 1 end
end

function done(s, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c, r, o = c + t:get("created"), r + t:get("refused"), o + t:get("other")
  end
  -- wrk counts every status over 399; of those only the ones that are not a 409 are errors here.
  s.errors.status = s.errors.status - r
  common_done(s, latency, requests)
  io.write(string.format("FLASH created=%d refused=%d other=%d\n", c, r, o))
end
