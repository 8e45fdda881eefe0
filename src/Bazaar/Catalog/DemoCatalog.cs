namespace Bazaar.Catalog;

/// <summary>
/// The demo catalog's vocabulary: departments, their aisles, and per aisle the brands and product
/// kinds that names are made of. Deterministic, so every fresh shop shows the same products.
/// </summary>
public static class DemoCatalog
{
    public sealed record Brand(string Zh, string En);
    public sealed record Aisle(string Slug, string Zh, string En, Brand[] Brands, (string Zh, string En)[] Kinds,
        decimal MinPrice, decimal MaxPrice);
    public sealed record Department(string Slug, string Zh, string En, Aisle[] Aisles);

    private static Brand B(string zh, string en) => new(zh, en);

    public static readonly Department[] Departments =
    [
        new("digital", "手机数码", "Phones & Digital",
        [
            new("phones", "手机", "Mobile Phones", [B("华为", "Huawei"), B("小米", "Xiaomi"), B("荣耀", "Honor"), B("OPPO", "OPPO"), B("vivo", "vivo"), B("苹果", "Apple iPhone")],
                [("5G智能手机", "5G Smartphone"), ("折叠屏手机", "Foldable Phone"), ("拍照手机", "Camera Phone")], 999, 12999),
            new("earphones", "耳机", "Earphones", [B("华为", "Huawei"), B("索尼", "Sony"), B("漫步者", "Edifier"), B("小米", "Xiaomi")],
                [("真无线蓝牙耳机", "True Wireless Earbuds"), ("头戴式降噪耳机", "Noise-Cancelling Headphones")], 99, 2999),
            new("cameras", "相机", "Cameras", [B("佳能", "Canon"), B("尼康", "Nikon"), B("索尼", "Sony"), B("大疆", "DJI")],
                [("微单相机", "Mirrorless Camera"), ("运动相机", "Action Camera"), ("云台相机", "Gimbal Camera")], 1499, 19999),
            new("smartwatches", "智能手表", "Smart Watches", [B("华为", "Huawei"), B("小米", "Xiaomi"), B("佳明", "Garmin")],
                [("智能手表", "Smart Watch"), ("运动手环", "Fitness Band")], 199, 4999),
        ]),
        new("computers", "电脑办公", "Computers & Office",
        [
            new("laptops", "笔记本电脑", "Laptops", [B("联想", "Lenovo"), B("华为", "Huawei"), B("戴尔", "Dell"), B("华硕", "ASUS")],
                [("轻薄笔记本", "Ultrabook"), ("游戏本", "Gaming Laptop")], 3999, 19999),
            new("tablets", "平板电脑", "Tablets", [B("华为", "Huawei"), B("小米", "Xiaomi"), B("苹果", "Apple iPad")],
                [("平板电脑", "Tablet"), ("学习平板", "Study Tablet")], 999, 8999),
            new("keyboards", "键盘鼠标", "Keyboards & Mice", [B("罗技", "Logitech"), B("雷蛇", "Razer"), B("达尔优", "Dareu")],
                [("机械键盘", "Mechanical Keyboard"), ("无线鼠标", "Wireless Mouse")], 49, 1299),
            new("printers", "打印机", "Printers", [B("惠普", "HP"), B("佳能", "Canon"), B("兄弟", "Brother")],
                [("激光打印机", "Laser Printer"), ("喷墨一体机", "Inkjet All-in-One")], 599, 3999),
        ]),
        new("appliances", "家用电器", "Home Appliances",
        [
            new("tvs", "电视", "Televisions", [B("海信", "Hisense"), B("TCL", "TCL"), B("创维", "Skyworth"), B("小米", "Xiaomi")],
                [("4K智能电视", "4K Smart TV"), ("激光电视", "Laser TV")], 1299, 15999),
            new("fridges", "冰箱", "Refrigerators", [B("海尔", "Haier"), B("美的", "Midea"), B("西门子", "Siemens")],
                [("对开门冰箱", "Side-by-Side Fridge"), ("三门冰箱", "Three-Door Fridge")], 1999, 12999),
            new("air-conditioners", "空调", "Air Conditioners", [B("格力", "Gree"), B("美的", "Midea"), B("海尔", "Haier")],
                [("变频空调挂机", "Inverter Wall AC"), ("立式空调柜机", "Floor-Standing AC")], 1999, 9999),
            new("kitchen", "厨房电器", "Kitchen Appliances", [B("九阳", "Joyoung"), B("苏泊尔", "Supor"), B("美的", "Midea")],
                [("电饭煲", "Rice Cooker"), ("破壁料理机", "High-Speed Blender"), ("空气炸锅", "Air Fryer")], 149, 1999),
        ]),
        new("apparel", "服饰鞋包", "Clothing & Shoes",
        [
            new("menswear", "男装", "Menswear", [B("海澜之家", "HLA"), B("优衣库", "Uniqlo"), B("李宁", "Li-Ning")],
                [("羽绒服", "Down Jacket"), ("纯棉衬衫", "Cotton Shirt"), ("休闲裤", "Chinos")], 79, 1299),
            new("womenswear", "女装", "Womenswear", [B("太平鸟", "Peacebird"), B("优衣库", "Uniqlo"), B("欧时力", "Ochirly")],
                [("连衣裙", "Dress"), ("羊毛大衣", "Wool Coat"), ("针织衫", "Knit Sweater")], 99, 1999),
            new("sneakers", "运动鞋", "Sneakers", [B("安踏", "Anta"), B("李宁", "Li-Ning"), B("耐克", "Nike"), B("特步", "Xtep")],
                [("跑步鞋", "Running Shoes"), ("篮球鞋", "Basketball Shoes")], 199, 1499),
            new("bags", "箱包", "Bags & Luggage", [B("新秀丽", "Samsonite"), B("小米", "Xiaomi"), B("稻草人", "Scarecrow")],
                [("双肩包", "Backpack"), ("拉杆箱", "Trolley Case")], 99, 2499),
        ]),
        new("food", "食品生鲜", "Food & Fresh",
        [
            new("tea", "茶叶", "Tea", [B("西湖", "West Lake"), B("八马", "Bama"), B("大益", "Taetea")],
                [("龙井绿茶", "Longjing Green Tea"), ("普洱茶饼", "Pu'er Tea Cake"), ("铁观音", "Tieguanyin Oolong")], 39, 899),
            new("snacks", "休闲零食", "Snacks", [B("三只松鼠", "Three Squirrels"), B("良品铺子", "Bestore"), B("百草味", "Be & Cheery")],
                [("每日坚果", "Daily Nuts"), ("牛肉干", "Beef Jerky")], 19, 199),
            new("fruit", "水果", "Fruit", [B("佳沃", "Joyvio"), B("褚橙", "Chu Orange"), B("百果园", "Pagoda")],
                [("赣南脐橙", "Gannan Navel Oranges"), ("阳光玫瑰葡萄", "Shine Muscat Grapes")], 29, 299),
            new("grain-oil", "粮油调味", "Rice, Oil & Seasoning", [B("金龙鱼", "Arawana"), B("福临门", "Fortune"), B("海天", "Haitian")],
                [("东北大米", "Northeast Rice"), ("花生油", "Peanut Oil"), ("生抽酱油", "Light Soy Sauce")], 9.9m, 199),
        ]),
        new("home", "家居日用", "Home & Living",
        [
            new("bedding", "床上用品", "Bedding", [B("罗莱", "Luolai"), B("水星家纺", "Mercury"), B("富安娜", "Fuanna")],
                [("蚕丝被", "Silk Duvet"), ("四件套", "Bedding Set")], 199, 2999),
            new("furniture", "家具", "Furniture", [B("全友", "Quanu"), B("林氏家居", "Linsy"), B("宜家", "IKEA")],
                [("布艺沙发", "Fabric Sofa"), ("实木书桌", "Solid Wood Desk")], 399, 8999),
            new("cleaning", "清洁用品", "Cleaning", [B("蓝月亮", "Bluemoon"), B("立白", "Liby"), B("科沃斯", "Ecovacs")],
                [("洗衣液", "Laundry Detergent"), ("扫地机器人", "Robot Vacuum")], 19, 3999),
            new("kitchenware", "厨具", "Cookware", [B("苏泊尔", "Supor"), B("双立人", "Zwilling"), B("爱仕达", "ASD")],
                [("不粘炒锅", "Non-Stick Wok"), ("刀具套装", "Knife Set")], 99, 1599),
        ]),
    ];

    private static readonly (string Zh, string En)[] Traits =
    [
        ("新款", "New"), ("旗舰", "Flagship"), ("轻薄", "Slim"), ("经典", "Classic"), ("高端", "Premium"),
        ("国潮", "Guochao"), ("青春版", "Lite"), ("尊享版", "Elite"), ("标准版", "Standard"), ("限定版", "Limited"),
    ];

    private static readonly string[] Models = ["X1", "Pro", "Max", "S", "Plus", "Air", "Ultra", "Neo", "Mini", "2026"];

    public sealed record GeneratedProduct(string Sku, string NameZh, string NameEn, string DescriptionZh,
        string DescriptionEn, decimal Price, int Stock);

    /// <summary>The n-th product of an aisle, as a pure function of (aisle, n, random).</summary>
    public static GeneratedProduct Make(Aisle aisle, string sku, Random random)
    {
        var brand = aisle.Brands[random.Next(aisle.Brands.Length)];
        var kind = aisle.Kinds[random.Next(aisle.Kinds.Length)];
        var trait = Traits[random.Next(Traits.Length)];
        var model = Models[random.Next(Models.Length)];
        var span = (double)(aisle.MaxPrice - aisle.MinPrice);
        // Prices end in .00 or .90 like real shelf prices.
        var price = Math.Round(aisle.MinPrice + (decimal)(random.NextDouble() * span), 0) - (random.Next(3) == 0 ? 0.10m : 0m);
        price = Math.Max(price, aisle.MinPrice);
        var nameZh = $"{brand.Zh} {model} {trait.Zh}{kind.Zh}";
        var nameEn = $"{brand.En} {model} {trait.En} {kind.En}";
        var descZh = $"{brand.Zh}{trait.Zh}{kind.Zh}，{model}型号。正品行货，全国联保，七天无理由退换。";
        var descEn = $"{brand.En} {kind.En}, model {model}, {trait.En.ToLowerInvariant()} edition. Genuine product with nationwide warranty and 7-day no-reason returns.";
        return new GeneratedProduct(sku, nameZh, nameEn, descZh, descEn, price, random.Next(0, 500));
    }
}
