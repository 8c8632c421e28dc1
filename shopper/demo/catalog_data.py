"""Tables the demo catalogue is generated from: real brands and model names, made-up prices."""

from __future__ import annotations

# (brand, model, terrain, base price EUR, has a Gore-Tex version)
SHOES: list[tuple[str, str, str, int, bool]] = [
    ("Salomon", "Speedcross 6", "trail", 140, True),
    ("Salomon", "Sense Ride 5", "trail", 130, True),
    ("Salomon", "XA Pro 3D V9", "hiking", 140, True),
    ("Salomon", "Ultra Glide 2", "trail", 160, False),
    ("Hoka", "Speedgoat 5", "trail", 145, True),
    ("Hoka", "Clifton 9", "road", 145, False),
    ("Hoka", "Bondi 8", "road", 165, False),
    ("Hoka", "Challenger ATR 7", "trail", 145, True),
    ("Brooks", "Ghost 15", "road", 140, True),
    ("Brooks", "Glycerin 21", "road", 175, False),
    ("Brooks", "Adrenaline GTS 23", "road", 150, False),
    ("Brooks", "Cascadia 17", "trail", 150, True),
    ("ASICS", "Gel-Kayano 30", "road", 190, False),
    ("ASICS", "Gel-Nimbus 26", "road", 190, False),
    ("ASICS", "Novablast 4", "road", 150, False),
    ("ASICS", "Gel-Trabuco 12", "trail", 150, True),
    ("Nike", "Pegasus 41", "road", 140, False),
    ("Nike", "Vomero 17", "road", 160, False),
    ("Nike", "Pegasus Trail 5", "trail", 150, True),
    ("Adidas", "Ultraboost Light", "road", 190, False),
    ("Adidas", "Adizero Boston 12", "road", 160, False),
    ("Adidas", "Terrex Agravic Flow 2", "trail", 140, True),
    ("On", "Cloudmonster", "road", 170, False),
    ("On", "Cloudsurfer", "road", 160, False),
    ("On", "Cloudultra 2", "trail", 180, False),
    ("Merrell", "MTL Long Sky 2", "trail", 150, False),
    ("Merrell", "Moab 3", "hiking", 130, True),
    ("New Balance", "Fresh Foam X 1080v13", "road", 185, False),
    ("New Balance", "Fresh Foam X Hierro v8", "trail", 150, True),
    ("Saucony", "Endorphin Speed 4", "road", 170, False),
    ("Saucony", "Peregrine 14", "trail", 140, True),
    # Budget models, so everyday requests ("under 60 euro") have answers in the demo.
    ("ASICS", "Jolt 4", "road", 55, False),
    ("Adidas", "Duramo SL", "road", 60, False),
    ("Puma", "Transport", "road", 55, False),
    ("Kiprun", "Jogflow 190.1", "road", 40, False),
    ("Kiprun", "Trail TR2", "trail", 70, True),
    ("Columbia", "Trailstorm", "trail", 85, True),
]
SHOE_COLOURS = [
    "Black/White",
    "Blue/Orange",
    "Grey/Lime",
    "Navy/Red",
    "White/Silver",
    "Olive/Black",
    "Purple/Pink",
]

# (brand, model, kind, base price, membrane or material)
CLOTHING: list[tuple[str, str, str, int, str]] = [
    ("The North Face", "Resolve 2", "rain", 110, "DryVent"),
    ("The North Face", "Dryzzle FUTURELIGHT", "rain", 250, "FUTURELIGHT"),
    ("Patagonia", "Torrentshell 3L", "rain", 180, "H2No"),
    ("Patagonia", "Nano Puff", "insulated", 230, "PrimaLoft Gold"),
    ("Patagonia", "Better Sweater", "fleece", 150, "recycled polyester fleece"),
    ("Columbia", "Watertight II", "rain", 90, "Omni-Tech"),
    ("Columbia", "OutDry Ex Reign", "rain", 200, "OutDry"),
    ("Arc'teryx", "Beta LT", "hardshell", 450, "Gore-Tex"),
    ("Arc'teryx", "Atom Hoody", "insulated", 300, "Coreloft"),
    ("Helly Hansen", "Loke", "rain", 120, "Helly Tech"),
    ("Helly Hansen", "Seven J", "rain", 90, "Helly Tech"),
    ("Mammut", "Convey Tour HS", "hardshell", 280, "Gore-Tex"),
    ("Jack Wolfskin", "Highest Peak", "rain", 170, "Texapore"),
    ("Fjällräven", "Keb Eco-Shell", "hardshell", 450, "Eco-Shell"),
    ("Norrøna", "Falketind Gore-Tex", "hardshell", 400, "Gore-Tex"),
    ("Bergans", "Microlight", "rain", 130, "Dermizax"),
    ("Rab", "Downpour Eco", "rain", 130, "Pertex Shield"),
    ("Icebreaker", "200 Oasis Long Sleeve Crewe", "baselayer", 95, "merino wool"),
    ("Smartwool", "Classic Thermal Merino Crew", "baselayer", 105, "merino wool"),
    ("Fjällräven", "Vidda Pro Trousers", "pants", 150, "G-1000"),
    ("Columbia", "Silver Ridge Convertible Pants", "pants", 70, "Omni-Shade"),
]
CLOTHING_COLOURS = ["Black", "Navy", "Red", "Olive", "Blue", "Grey", "Yellow", "Orange", "Purple"]
CLOTHING_SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
NORWEGIAN_BRANDS = {"Helly Hansen", "Bergans", "Norrøna"}

# (brand, model, fit, base price, gender)
JEANS: list[tuple[str, str, str, int, str]] = [
    ("Levi's", "501 Original", "straight", 110, "Men's"),
    ("Levi's", "511 Slim", "slim", 100, "Men's"),
    ("Levi's", "502 Taper", "tapered", 110, "Men's"),
    ("Levi's", "505 Regular", "regular", 100, "Men's"),
    ("Levi's", "311 Shaping Skinny", "skinny", 100, "Women's"),
    ("Levi's", "Ribcage Straight Ankle", "straight", 120, "Women's"),
    ("Wrangler", "Texas", "regular", 90, "Men's"),
    ("Wrangler", "Greensboro", "straight", 90, "Men's"),
    ("Lee", "Rider", "slim", 90, "Men's"),
    ("Lee", "Brooklyn", "straight", 85, "Men's"),
    ("G-Star RAW", "3301 Slim", "slim", 120, "Men's"),
    ("Diesel", "2019 D-Strukt", "slim", 150, "Men's"),
    ("Pepe Jeans", "Hatch", "slim", 90, "Men's"),
]
WASHES = ["Dark Stonewash", "Rinse", "Black", "Light Indigo", "Mid Blue"]
WAISTS = ["28", "29", "30", "31", "32", "33", "34", "36", "38"]
LENGTHS = ["30", "32", "34"]

# (brand, model, mpn, noun, price, colours, features)
HEADPHONES: list[tuple[str, str, str, str, int, list[str], str]] = [
    ("Sony", "WH-1000XM5", "WH1000XM5", "Wireless Noise Cancelling Headphones", 379,
     ["Black", "Silver", "Midnight Blue"], "30 h battery, multipoint Bluetooth 5.2, USB-C fast charging"),
    ("Sony", "WH-1000XM4", "WH1000XM4", "Wireless Noise Cancelling Headphones", 279, ["Black", "Silver"],
     "30 h battery, speak-to-chat, Bluetooth 5.0"),
    ("Sony", "WF-1000XM5", "WF1000XM5", "Wireless Noise Cancelling Earbuds", 299, ["Black", "Silver"],
     "24 h battery with case, IPX4, LDAC"),
    ("Sony", "WH-CH720N", "WHCH720N", "Wireless Noise Cancelling Headphones", 129, ["Black", "White", "Blue"],
     "35 h battery, lightweight 192 g"),
    ("Bose", "QuietComfort Ultra Headphones", "880066-0100", "Wireless Noise Cancelling Headphones", 449,
     ["Black", "White Smoke"], "immersive audio, 24 h battery, Bluetooth 5.3"),
    ("Bose", "QuietComfort 45", "866724-0100", "Wireless Noise Cancelling Headphones", 279,
     ["Black", "White Smoke"], "24 h battery, aware mode"),
    ("Bose", "QuietComfort Ultra Earbuds", "882826-0010", "Wireless Noise Cancelling Earbuds", 299, ["Black"],
     "CustomTune, IPX4"),
    ("Apple", "AirPods Pro (2nd generation)", "MTJV3ZM/A",
        "Wireless Earbuds with Active Noise Cancellation", 279,
     [], "USB-C MagSafe case, adaptive audio"),
    ("Apple", "AirPods Max", "MGYH3ZM/A", "Wireless Over-Ear Headphones", 579, ["Space Grey", "Silver",
        "Sky Blue"],
     "active noise cancellation, spatial audio, 20 h battery"),
    ("Sennheiser", "Momentum 4 Wireless", "509266", "Wireless Noise Cancelling Headphones", 349, ["Black",
        "White"],
     "60 h battery, adaptive noise cancellation"),
    ("Sennheiser", "HD 560S", "509144", "Open-Back Wired Headphones", 199, [],
     "wired, 3.5 mm and 6.3 mm jack, open-back, 120 ohm"),
    ("JBL", "Tune 760NC", "JBLT760NCBLK", "Wireless Noise Cancelling Headphones", 99, ["Black", "Blue",
        "White"],
     "35 h battery, foldable"),
    ("Beats", "Studio Pro", "MQTP3ZM/A", "Wireless Noise Cancelling Headphones", 399, ["Black", "Navy",
        "Sandstone"],
     "40 h battery, USB-C lossless audio"),
    ("Samsung", "Galaxy Buds2 Pro", "SM-R510", "Wireless Noise Cancelling Earbuds", 229,
     ["Graphite", "White", "Bora Purple"], "24-bit Hi-Fi, IPX7"),
    ("Anker", "Soundcore Space Q45", "A3040", "Wireless Noise Cancelling Headphones", 149, ["Black", "Blue"],
     "50 h battery, LDAC"),
    ("Audio-Technica", "ATH-M50x", "ATH-M50X", "Wired Studio Monitor Headphones", 169, [],
     "wired, detachable cables, closed-back for passive isolation"),
]  # fmt: skip

# (brand, model, noun, [(capacity, mpn, price)])
SSDS: list[tuple[str, str, str, list[tuple[str, str, int]]]] = [
    ("Samsung", "990 PRO", "NVMe M.2 SSD PCIe 4.0",
     [("1TB", "MZ-V9P1T0BW", 119), ("2TB", "MZ-V9P2T0BW", 179), ("4TB", "MZ-V9P4T0BW", 339)]),
    ("Samsung", "870 EVO", "2.5\" SATA III SSD",
     [("500GB", "MZ-77E500B/EU", 55), ("1TB", "MZ-77E1T0B/EU", 89), ("2TB", "MZ-77E2T0B/EU", 159)]),
    ("Samsung", "T7 Shield", "Portable SSD USB 3.2 Gen 2", [("1TB", "MU-PE1T0S/EU", 109), ("2TB",
        "MU-PE2T0S/EU", 179)]),
    ("WD", "WD_BLACK SN850X", "NVMe M.2 SSD PCIe 4.0",
     [("1TB", "WDS100T2X0E", 99), ("2TB", "WDS200T2X0E", 159), ("4TB", "WDS400T2X0E", 329)]),
    ("WD", "Blue SN580", "NVMe M.2 SSD PCIe 4.0",
     [("500GB", "WDS500G3B0E", 45), ("1TB", "WDS100T3B0E", 65), ("2TB", "WDS200T3B0E", 119)]),
    ("Crucial", "P5 Plus", "NVMe M.2 SSD PCIe 4.0", [("1TB", "CT1000P5PSSD8", 79), ("2TB", "CT2000P5PSSD8",
        139)]),
    ("Crucial", "T700", "NVMe M.2 SSD PCIe 5.0", [("1TB", "CT1000T700SSD3", 149), ("2TB", "CT2000T700SSD3",
        259)]),
    ("Crucial", "MX500", "2.5\" SATA III SSD",
     [("500GB", "CT500MX500SSD1", 45), ("1TB", "CT1000MX500SSD1", 69), ("2TB", "CT2000MX500SSD1", 129)]),
    ("Kingston", "KC3000", "NVMe M.2 SSD PCIe 4.0", [("1TB", "SKC3000S/1024G", 85), ("2TB",
        "SKC3000D/2048G", 155)]),
    ("Kingston", "NV2", "NVMe M.2 SSD PCIe 4.0",
     [("500GB", "SNV2S/500G", 35), ("1TB", "SNV2S/1000G", 55), ("2TB", "SNV2S/2000G", 109)]),
    ("Seagate", "FireCuda 530", "NVMe M.2 SSD PCIe 4.0", [("1TB", "ZP1000GM3A013", 109), ("2TB",
        "ZP2000GM3A013", 189)]),
]  # fmt: skip

# (brand, model, mpn, price, memory)
GPUS: list[tuple[str, str, str, int, str]] = [
    ("ASUS", "Dual GeForce RTX 4070 OC", "DUAL-RTX4070-O12G", 599, "12GB GDDR6X"),
    ("MSI", "GeForce RTX 4070 Ventus 2X OC", "V513-001R", 589, "12GB GDDR6X"),
    ("Gigabyte", "GeForce RTX 4060 Eagle OC", "GV-N4060EAGLE OC-8GD", 319, "8GB GDDR6"),
    ("Zotac", "Gaming GeForce RTX 4070 SUPER Twin Edge", "ZT-D40720E-10M", 629, "12GB GDDR6X"),
    ("ASUS", "TUF Gaming GeForce RTX 4080 SUPER OC", "TUF-RTX4080S-O16G-GAMING", 1149, "16GB GDDR6X"),
    ("MSI", "GeForce RTX 4090 Gaming X Trio", "V510-002R", 1899, "24GB GDDR6X"),
    ("Sapphire", "Pulse AMD Radeon RX 7800 XT", "11330-02-20G", 519, "16GB GDDR6"),
    ("PowerColor", "Hellhound AMD Radeon RX 7900 XTX", "RX7900XTX 24G-L/OC", 999, "24GB GDDR6"),
    ("XFX", "Speedster SWFT 210 Radeon RX 7600", "RX-76PSWFTFY", 269, "8GB GDDR6"),
    ("Palit", "GeForce RTX 4060 Ti Dual", "NE6406T019P1-1060D", 389, "8GB GDDR6"),
]

# (brand, model, mpn, price, rgb, wireless, switches / keys, layouts)
KEYBOARDS: list[tuple[str, str, str, int, bool, bool, str, list[str]]] = [
    ("Logitech", "MX Keys S", "920-011587", 119, False, True, "low-profile scissor keys, white backlight",
     ["US", "DE", "Nordic"]),
    ("Logitech", "G915 TKL Lightspeed", "920-009503", 199, True, True, "GL Tactile low-profile switches",
        ["US", "DE"]),
    ("Logitech", "G Pro X TKL", "920-012136", 179, True, True, "GX Brown tactile switches", ["US", "DE",
        "Nordic"]),
    ("Corsair", "K70 RGB Pro", "CH-9109410-NA", 169, True, False, "Cherry MX Red switches", ["US", "DE"]),
    ("Corsair", "K65 Plus Wireless", "CH-91D401L-NA", 159, True, True, "MLX Red linear switches", ["US",
        "DE"]),
    ("Razer", "BlackWidow V4", "RZ03-04690100-R3M1", 169, True, False, "Razer Green clicky switches", ["US",
        "DE"]),
    ("Razer", "Huntsman Mini", "RZ03-03390100-R3M1", 119, True, False, "60% optical switches", ["US", "DE"]),
    ("Keychron", "K2 (Version 2)", "K2-C1H", 89, False, True, "Gateron Brown switches, white backlight",
     ["US", "Nordic"]),
    ("Keychron", "Q1 Pro", "Q1P-M1", 219, True, True, "aluminium case, K Pro Red switches", ["US", "DE"]),
    ("Cherry", "KC 1000", "JK-0800DE-2", 29, False, False, "quiet membrane keys, no backlight", ["DE", "US"]),
    ("Cherry", "MX Board 3.0 S", "G80-3874LYADE-2", 79, False, False, "Cherry MX Brown switches, no lighting",
     ["DE", "US"]),
]  # fmt: skip

# (brand, model, mpn, price, description)
MONITORS: list[tuple[str, str, str, int, str]] = [
    ("Dell", "UltraSharp U2723QE", "DELL-U2723QE", 579, '27" 4K UHD IPS Black monitor with USB-C hub (90 W)'),
    ("Dell", "S2721DGF", "DELL-S2721DGF", 329, '27" QHD 165 Hz IPS gaming monitor, 1 ms'),
    ("LG", "UltraGear 27GP850-B", "27GP850-B", 369, '27" QHD Nano IPS 180 Hz gaming monitor'),
    ("LG", "27UL850-W", "27UL850-W.AEU", 399, '27" 4K UHD IPS monitor with USB-C'),
    ("Samsung", "Odyssey G7 LS28BG700", "LS28BG700EPXEN", 599, '28" 4K UHD 144 Hz IPS gaming monitor'),
    ("ASUS", "ROG Swift PG27AQDM", "90LM08Q0-B01A70", 899, '27" QHD OLED 240 Hz gaming monitor'),
    ("BenQ", "PD2705U", "9H.LKDLA.TBE", 449, '27" 4K UHD IPS designer monitor with USB-C'),
    ("AOC", "24G2U", "24G2U/BK", 159, '24" Full HD IPS 144 Hz gaming monitor'),
    ("Philips", "27E1N5600AE", "27E1N5600AE/00", 199, '27" QHD IPS monitor with USB-C'),
]

# (brand, model, [(storage, mpn, price)], colours)
PHONES: list[tuple[str, str, list[tuple[str, str, int]], list[str]]] = [
    ("Samsung", "Galaxy S24", [("128GB", "SM-S921BZKDEUB", 899), ("256GB", "SM-S921BZKGEUB", 959)],
     ["Onyx Black", "Marble Grey", "Cobalt Violet"]),
    ("Samsung", "Galaxy A55 5G", [("128GB", "SM-A556BZKAEUB", 449), ("256GB", "SM-A556BZKCEUB", 499)],
     ["Awesome Navy", "Awesome Iceblue"]),
    ("Google", "Pixel 8", [("128GB", "GA04803-GB", 799), ("256GB", "GA04822-GB", 859)], ["Obsidian",
        "Hazel", "Rose"]),
    ("Google", "Pixel 8 Pro", [("128GB", "GA04798-GB", 1099), ("256GB", "GA04823-GB", 1159)],
     ["Obsidian", "Porcelain", "Bay"]),
    ("Google", "Pixel 8a", [("128GB", "GA05567-GB", 549)], ["Obsidian", "Bay"]),
    ("Apple", "iPhone 15", [("128GB", "MTP03ZD/A", 949), ("256GB", "MTP43ZD/A", 1079)], ["Black", "Blue",
        "Pink"]),
    ("Apple", "iPhone 15 Pro", [("128GB", "MTUV3ZD/A", 1199), ("256GB", "MTV13ZD/A", 1329)],
     ["Natural Titanium", "Black Titanium"]),
    ("Fairphone", "Fairphone 5", [("256GB", "F5FPHN-1BL-EU1", 699)], ["Matte Black", "Sky Blue"]),
    ("OnePlus", "12", [("256GB", "5011105290", 969), ("512GB", "5011105291", 1079)], ["Silky Black",
        "Flowy Emerald"]),
    ("Nothing", "Phone (2a)", [("128GB", "A142-128-BLK", 349), ("256GB", "A142-256-BLK", 399)], ["Black",
        "White"]),
]  # fmt: skip

# (category, brand, model, mpn, price, description)
ACCESSORIES: list[tuple[str, str, str, str, int, str]] = [
    ("Cables", "Anker", "PowerLine III USB-C to USB-C Cable 100W 1.8m", "A8853", 20,
        "USB-C charging cable, 100 W PD"),
    ("Cables", "Anker", "USB-C to Lightning Cable 0.9m", "A8832", 16, "MFi certified charging cable"),
    ("Cables", "Belkin", "BoostCharge USB-C to USB-C Cable 240W 2m", "CAB015bt2MBK", 30,
        "braided USB-C cable, 240 W"),
    ("Cables", "UGREEN", "HDMI 2.1 Cable 8K 2m", "80403", 15, "8K@60Hz, 4K@120Hz, 48 Gbps HDMI cable"),
    ("Cables", "UGREEN", "USB-C to USB-C Cable 100W 2m", "50998", 13, "fast charging cable, 100 W"),
    ("Cables", "Cable Matters", "DisplayPort 1.4 Cable 8K 2m", "102101-BLK-6.6", 17, "DP 1.4, HBR3, 8K"),
    ("Cables", "Apple", "USB-C Charge Cable 240W 2m", "MU2G3ZM/A", 29, "woven USB-C charge cable"),
    ("Cables", "Amazon Basics", "USB-A to USB-C 3.1 Gen 2 Cable 1m", "L6LUC024-CS-R", 10,
        "10 Gbps data cable"),
    ("Cables", "Belkin", "Cat 6 Ethernet Patch Cable 5m", "A3L980bt05M", 13, "gigabit network cable"),
    ("Mice", "Logitech", "MX Master 3S", "910-006559", 109, "wireless mouse, 8K DPI, quiet clicks"),
    ("Mice", "Logitech", "G502 X Plus", "910-006162", 169, "wireless RGB gaming mouse, LIGHTFORCE switches"),
    ("Mice", "Razer", "DeathAdder V3 Pro", "RZ01-04630100-R3G1", 149,
        "wireless gaming mouse, 63 g, no lighting"),
    ("Mice", "Corsair", "M65 RGB Ultra", "CH-9309411-EU2", 79, "wired RGB gaming mouse, 26K DPI"),
]  # fmt: skip

# Dutch category names for the Dutch demo shop.
CATEGORY_NL = {
    "Running Shoes": "Hardloopschoenen", "Trail Running Shoes": "Trailrunschoenen",
        "Hiking Shoes": "Wandelschoenen",
    "Rain Jackets": "Regenjassen", "Hardshell Jackets": "Hardshell jassen",
        "Insulated Jackets": "Isolatiejassen",
    "Fleece Jackets": "Fleecevesten", "Base Layers": "Thermoshirts", "Hiking Pants": "Wandelbroeken",
    "Jeans": "Jeans", "Headphones": "Koptelefoons", "SSDs": "SSD's", "Graphics Cards": "Videokaarten",
    "Keyboards": "Toetsenborden", "Monitors": "Monitoren", "Smartphones": "Smartphones", "Cables": "Kabels",
    "Mice": "Muizen",
}  # fmt: skip

# Dutch opening sentences, per product kind.
DUTCH_INTRO = {
    "road": "Lichtgewicht hardloopschoenen voor de weg, met veel demping.",
    "trail": "Trailrunning hardloopschoenen met grip voor onverharde paden.",
    "hiking": "Stevige wandelschoenen voor bergpaden.",
    "rain": "Waterdichte en ademende regenjas.",
    "hardshell": "Waterdichte hardshell jas voor de bergen.",
    "insulated": "Warme, lichte isolatiejas.",
    "fleece": "Warm fleece vest.",
    "baselayer": "Thermoshirt van merinowol.",
    "pants": "Sterke wandelbroek.",
    "jeans": "Spijkerbroek van stevig denim.",
    "Headphones": "Draadloze koptelefoon.",
    "SSDs": "Snelle SSD opslag.",
    "Graphics Cards": "Videokaart voor gaming.",
    "Keyboards": "Toetsenbord.",
    "Monitors": "Beeldscherm.",
    "Smartphones": "Smartphone.",
    "Cables": "Kabel.",
    "Mice": "Computermuis.",
}
