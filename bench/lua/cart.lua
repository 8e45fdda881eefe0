-- POST /api/v1/cart/items {productId, quantity: 1} as the customers of BENCH_CUSTOMERS ("token
-- address" lines), round robin. Each customer adds to ten products of its own among BENCH_IDS
-- (products with 100 units or more), so a cart holds at most ten lines and no line reaches the
-- 99-unit limit within a run (bench/run.sh empties the carts before each run).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local customers, products = {}, nil
local counter = 0

function init(args)
  seed_random()
  for _, line in ipairs(read_lines(os.getenv("BENCH_CUSTOMERS"))) do
    customers[#customers + 1] = line:match("^([^ ]+)")
  end
  products = read_lines(os.getenv("BENCH_IDS"), true)
end

function request()
  counter = counter + 1
  local c = (counter * 7 + tid) % #customers
  local product = products[(c * 10 + math.random(0, 9)) % #products + 1]
  return wrk.format("POST", "/api/v1/cart/items", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. customers[c + 1],
  }, string.format('{"productId":%d,"quantity":1}', product))
end
