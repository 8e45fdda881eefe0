-- GET /search?q=... where every request is a query no earlier request of the run asked: the cold
-- path, which no cache inside the shop can answer (the search result cache and the page cache key
-- on the query). The queries are made from the seeded catalog's own vocabulary (Catalog/DemoCatalog.cs:
-- brands, models, traits and product kinds, in Chinese and in English), so most find something, from
-- a handful of products to a few thousand, and some find nothing (a kind its brand does not make),
-- which runs the typo correction too. Four shapes, about 13,700
-- queries in all, shuffled once the same way in every thread; thread i of n takes every n-th from a
-- random start, so the threads never share one and a run of 20 s at a few hundred a second never
-- repeats one.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local brands = { {"华为", "Huawei"}, {"小米", "Xiaomi"}, {"荣耀", "Honor"}, {"OPPO", "OPPO"}, {"vivo", "vivo"}, {"苹果", "Apple iPhone"}, {"索尼", "Sony"}, {"漫步者", "Edifier"}, {"佳能", "Canon"}, {"尼康", "Nikon"}, {"大疆", "DJI"}, {"佳明", "Garmin"}, {"联想", "Lenovo"}, {"戴尔", "Dell"}, {"华硕", "ASUS"}, {"苹果", "Apple iPad"}, {"罗技", "Logitech"}, {"雷蛇", "Razer"}, {"达尔优", "Dareu"}, {"惠普", "HP"}, {"兄弟", "Brother"}, {"海信", "Hisense"}, {"TCL", "TCL"}, {"创维", "Skyworth"}, {"海尔", "Haier"}, {"美的", "Midea"}, {"西门子", "Siemens"}, {"格力", "Gree"}, {"九阳", "Joyoung"}, {"苏泊尔", "Supor"}, {"海澜之家", "HLA"}, {"优衣库", "Uniqlo"}, {"李宁", "Li-Ning"}, {"太平鸟", "Peacebird"}, {"欧时力", "Ochirly"}, {"安踏", "Anta"}, {"耐克", "Nike"}, {"特步", "Xtep"}, {"新秀丽", "Samsonite"}, {"稻草人", "Scarecrow"}, {"西湖", "West Lake"}, {"八马", "Bama"}, {"大益", "Taetea"}, {"三只松鼠", "Three Squirrels"}, {"良品铺子", "Bestore"}, {"百草味", "Be & Cheery"}, {"佳沃", "Joyvio"}, {"褚橙", "Chu Orange"}, {"百果园", "Pagoda"}, {"金龙鱼", "Arawana"}, {"福临门", "Fortune"}, {"海天", "Haitian"}, {"罗莱", "Luolai"}, {"水星家纺", "Mercury"}, {"富安娜", "Fuanna"}, {"全友", "Quanu"}, {"林氏家居", "Linsy"}, {"宜家", "IKEA"}, {"蓝月亮", "Bluemoon"}, {"立白", "Liby"}, {"科沃斯", "Ecovacs"}, {"双立人", "Zwilling"}, {"爱仕达", "ASD"} }
local traits = { {"新款", "New"}, {"旗舰", "Flagship"}, {"轻薄", "Slim"}, {"经典", "Classic"}, {"高端", "Premium"}, {"国潮", "Guochao"}, {"青春版", "Lite"}, {"尊享版", "Elite"}, {"标准版", "Standard"}, {"限定版", "Limited"} }
local models = { "X1", "Pro", "Max", "S", "Plus", "Air", "Ultra", "Neo", "Mini", "2026" }
local kinds = { {"5G智能手机", "5G Smartphone"}, {"折叠屏手机", "Foldable Phone"}, {"拍照手机", "Camera Phone"}, {"真无线蓝牙耳机", "True Wireless Earbuds"}, {"头戴式降噪耳机", "Noise-Cancelling Headphones"}, {"微单相机", "Mirrorless Camera"}, {"运动相机", "Action Camera"}, {"云台相机", "Gimbal Camera"}, {"智能手表", "Smart Watch"}, {"运动手环", "Fitness Band"}, {"轻薄笔记本", "Ultrabook"}, {"游戏本", "Gaming Laptop"}, {"平板电脑", "Tablet"}, {"学习平板", "Study Tablet"}, {"机械键盘", "Mechanical Keyboard"}, {"无线鼠标", "Wireless Mouse"}, {"激光打印机", "Laser Printer"}, {"喷墨一体机", "Inkjet All-in-One"}, {"4K智能电视", "4K Smart TV"}, {"激光电视", "Laser TV"}, {"对开门冰箱", "Side-by-Side Fridge"}, {"三门冰箱", "Three-Door Fridge"}, {"变频空调挂机", "Inverter Wall AC"}, {"立式空调柜机", "Floor-Standing AC"}, {"电饭煲", "Rice Cooker"}, {"破壁料理机", "High-Speed Blender"}, {"空气炸锅", "Air Fryer"}, {"羽绒服", "Down Jacket"}, {"纯棉衬衫", "Cotton Shirt"}, {"休闲裤", "Chinos"}, {"连衣裙", "Dress"}, {"羊毛大衣", "Wool Coat"}, {"针织衫", "Knit Sweater"}, {"跑步鞋", "Running Shoes"}, {"篮球鞋", "Basketball Shoes"}, {"双肩包", "Backpack"}, {"拉杆箱", "Trolley Case"}, {"龙井绿茶", "Longjing Green Tea"}, {"普洱茶饼", "Pu'er Tea Cake"}, {"铁观音", "Tieguanyin Oolong"}, {"每日坚果", "Daily Nuts"}, {"牛肉干", "Beef Jerky"}, {"赣南脐橙", "Gannan Navel Oranges"}, {"阳光玫瑰葡萄", "Shine Muscat Grapes"}, {"东北大米", "Northeast Rice"}, {"花生油", "Peanut Oil"}, {"生抽酱油", "Light Soy Sauce"}, {"蚕丝被", "Silk Duvet"}, {"四件套", "Bedding Set"}, {"布艺沙发", "Fabric Sofa"}, {"实木书桌", "Solid Wood Desk"}, {"洗衣液", "Laundry Detergent"}, {"扫地机器人", "Robot Vacuum"}, {"不粘炒锅", "Non-Stick Wok"}, {"刀具套装", "Knife Set"} }
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local queries = {}
local position, slots = 0, 1

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for _, b in ipairs(brands) do
    for _, m in ipairs(models) do
      for _, t in ipairs(traits) do
        queries[#queries + 1] = b[2] .. " " .. m .. " " .. t[2]   -- xiaomi Pro Flagship
        queries[#queries + 1] = b[1] .. " " .. m .. " " .. t[1]   -- 小米 Pro 旗舰
      end
    end
  end
  for _, k in ipairs(kinds) do
    for _, t in ipairs(traits) do queries[#queries + 1] = t[2] .. " " .. k[2] end -- Slim Gaming Laptop
    for _, m in ipairs(models) do queries[#queries + 1] = m .. " " .. k[1] end    -- Max 游戏本
  end
  math.randomseed(20261126) -- the same order in every thread
  for i = #queries, 2, -1 do
    local j = math.random(i)
    queries[i], queries[j] = queries[j], queries[i]
  end
  seed_random()
  slots = math.floor(#queries / threads)
  position = math.random(slots) - 1
end

function request()
  -- This thread's queries are every threads-th one, from its own offset: no two threads share one.
  position = (position + 1) % slots
  return wrk.format("GET", "/search?q=" .. encode(queries[position * threads + ((tid or 1) - 1) % threads + 1]))
end
