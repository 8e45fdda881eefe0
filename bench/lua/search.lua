-- GET /search?q=... over a mixed list of 33 Chinese and English queries (short and long, hits and
-- misses, one typo), as shoppers repeat the top queries. Each request has a varying harmless
-- parameter (r=), so the page cache (keyed on the whole URL) never answers it and every request
-- renders its page; the shop's search result cache (keyed on the normalized query, filters, sort,
-- page and language, a few seconds) does answer repeats, as it would for real shoppers. The cold
-- path, where no cache can answer, is search_cold.lua.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local queries = {
  "手机", "茶", "耳机", "tea", "phone", "iphnoe", "龙井", "西湖龙井", "华为", "xiaomi", "小米 pro",
  "笔记本", "laptop", "运动鞋", "sneakers", "电视", "tv", "空调", "冰箱", "零食", "snacks", "苹果",
  "apple", "max", "旗舰", "limited", "键盘", "keyboard", "智能手表", "watch", "床品", "苏泊尔", "wok",
}
local encoded = {}
local counter = 0

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  seed_random()
  for i, q in ipairs(queries) do encoded[i] = encode(q) end
end

function request()
  counter = counter + 1
  return wrk.format("GET", string.format("/search?q=%s&r=%d-%d", encoded[math.random(#encoded)], tid, counter))
end
