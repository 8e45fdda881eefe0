-- GET a path made from BENCH_PATH (a format such as "/products/%d") and an id drawn at random
-- from BENCH_IDS (one id a line): product pages over a fixed set of ids, category pages.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids, template

function init(args)
  seed_random()
  ids = read_lines(os.getenv("BENCH_IDS"), true)
  template = os.getenv("BENCH_PATH")
end

function request()
  return wrk.format("GET", string.format(template, ids[math.random(#ids)]))
end
