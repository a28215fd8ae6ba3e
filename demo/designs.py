"""Product designs per craft: a title, attribute values, a line on how it is made, a price.

One function per craft slug (catalogue.crafts.CRAFTS), each drawing from the
random.Random it is given, so a seed always gives the same product. Attribute
values of option attributes are among the craft's options; prices are whole rupiah.
"""
import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Design:
    category: str  # the craft's subcategory slug
    title: str
    details: str  # Indonesian: how it is made
    price: int
    attributes: dict = field(default_factory=dict)


def rupiah(rng: random.Random, low: int, high: int, step: int = 5000) -> int:
    return low + step * rng.randrange((high - low) // step + 1)


BATIK_MOTIFS = {
    "bojonegoro": ("Sekar Jati", "Pari Sumilak", "Gastro Rinambat", "Jagung Miji Emas",
                   "Mliwis Mukti", "Rancak Thengul", "Kayangan", "Parang Dahono Ploso"),
    "lumajang": ("Pisang Agung", "Kopi Senduro", "Semeru", "Ranu Pani", "Sekar Klakah"),
    "probolinggo": ("Mangga Anggur", "Sekar Mangga", "Bromo", "Gili Ketapang"),
    "babel": ("Simpor", "Kelubi", "Kembang Kenanga", "Pucuk Rebung", "Sahang"),
    "pekalongan": ("Jlamprang", "Buketan", "Terang Bulan", "Semen Rante", "Tujuh Rupa"),
}
CLASSIC_MOTIFS = ("Parang", "Kawung", "Truntum", "Sido Mukti")
CUAL_MOTIFS = ("Kembang Kenanga", "Kembang Gajah", "Bebek-bebek", "Ubur-ubur",
               "Pucuk Rebung", "Kembang Rukem")
IKAT_MOTIFS = ("Kuda", "Mamuli", "Udang", "Andung", "Ayam Jantan", "Buaya")
LEAVES = ("daun jati", "daun jarak", "daun ketapang", "daun lanang", "daun kenikir",
          "daun eukaliptus", "daun pepaya Jepang")
BATIK_METHODS = {"tulis": "Dibatik tulis dengan canting", "cap": "Dibatik dengan cap tembaga",
                 "kombinasi": "Perpaduan batik tulis dan cap",
                 "printing": "Motif batik dicetak (printing)"}
TECHNIQUE_PRICES = {"tulis": (750_000, 3_500_000), "kombinasi": (400_000, 1_250_000),
                    "cap": (200_000, 650_000), "printing": (150_000, 300_000)}


def batik(rng: random.Random, region: str) -> Design:
    technique = rng.choices(("tulis", "cap", "kombinasi", "printing"), (5, 3, 2, 1))[0]
    motif = rng.choice(BATIK_MOTIFS.get(region, CLASSIC_MOTIFS))
    dye = "synthetic" if technique == "printing" else rng.choice(("natural", "synthetic"))
    fabric = rng.choice(("katun primisima", "katun prima", "sutra", "rayon", "dobby"))
    kind = technique.capitalize()
    length = rng.choice(("2", "2,5"))
    category, title, size = rng.choice((
        ("fabric", f"Kain Batik {kind} Motif {motif}", f"{length} x 1,15 m"),
        ("clothing", f"Kemeja Batik {kind} {motif} Lengan Panjang", rng.choice(("M", "L", "XL"))),
        ("clothing", f"Blus Batik {kind} Motif {motif}", rng.choice(("S", "M", "L", "XL"))),
        ("scarves", f"Selendang Batik {kind} {motif}", "180 x 50 cm"),
    ))
    low, high = TECHNIQUE_PRICES[technique]
    dye_words = "pewarna alam" if dye == "natural" else "pewarna sintetis"
    return Design(category, title, f"{BATIK_METHODS[technique]}, {dye_words}, di atas {fabric}.",
                  rupiah(rng, low, high),
                  {"technique": technique, "dye": dye, "motif": motif, "fabric": fabric,
                   "size": size})


def eco_print(rng: random.Random, region: str) -> Design:
    leaves = rng.choice(LEAVES)
    fabric = rng.choice(("katun primisima", "sutra ATBM", "linen", "rayon"))
    mordant = rng.choice(("tawas", "kapur", "tunjung"))
    category, title = rng.choice((
        ("fabric", f"Kain Eco-print {leaves.title()}"),
        ("scarves", f"Syal Eco-print {leaves.title()}"),
        ("clothing", f"Outer Eco-print {leaves.title()}"),
    ))
    return Design(category, title,
                  f"Dicetak langsung dari {leaves} di atas {fabric}, dikunci dengan {mordant}.",
                  rupiah(rng, 150_000, 850_000),
                  {"leaves": leaves, "fabric": fabric, "mordant": mordant})


def tenun_cual(rng: random.Random, region: str) -> Design:
    yarn = rng.choice(("sutra", "katun", "benang emas"))
    motif = rng.choice(CUAL_MOTIFS)
    if rng.random() < 0.6:
        category, title, size, low, high = (
            "fabric", f"Kain Tenun Cual Motif {motif}", "2 x 1 m", 1_500_000, 3_500_000)
    else:
        category, title, size, low, high = (
            "scarves", f"Selendang Cual {motif}", "200 x 55 cm", 450_000, 1_500_000)
    return Design(category, title, f"Ditenun dengan alat tenun bukan mesin, benang {yarn}.",
                  rupiah(rng, low, high, 10_000), {"yarn": yarn, "motif": motif, "size": size})


def tenun_ikat(rng: random.Random, region: str) -> Design:
    yarn = rng.choice(("katun pintal tangan", "katun"))
    dye = rng.choices(("natural", "synthetic"), (3, 1))[0]
    motif = rng.choice(IKAT_MOTIFS)
    category, title, size = rng.choice((
        ("fabric", f"Kain Hinggi Motif {motif}", "250 x 120 cm"),
        ("fabric", f"Lau Pahikung Motif {motif}", "160 x 110 cm"),
        ("scarves", f"Selendang Tenun Ikat {motif}", "190 x 45 cm"),
    ))
    dye_words = "akar mengkudu dan nila" if dye == "natural" else "pewarna sintetis"
    return Design(category, title, f"Diikat dan dicelup {dye_words}, ditenun dari {yarn}.",
                  rupiah(rng, 500_000, 3_500_000, 10_000),
                  {"yarn": yarn, "dye": dye, "motif": motif, "size": size})


def pewter(rng: random.Random, region: str) -> Design:
    category, title, grams, low, high = rng.choice((
        ("miniatures", "Miniatur Pewter Kapal Pinisi", (250, 900), 450_000, 2_500_000),
        ("miniatures", "Miniatur Pewter Mercusuar Tanjung Kelayang", (150, 600), 350_000,
         1_500_000),
        ("miniatures", "Miniatur Pewter Rumah Panggung Melayu", (200, 700), 400_000, 1_800_000),
        ("jewellery", "Liontin Pewter Motif Cual", (15, 40), 150_000, 350_000),
        ("jewellery", "Bros Pewter Bunga Simpor", (10, 30), 150_000, 300_000),
        ("tableware", "Piring Hias Pewter Motif Lada", (180, 450), 250_000, 1_200_000),
        ("tableware", "Tatakan Gelas Pewter Isi 4", (120, 300), 200_000, 650_000),
    ))
    weight = round(rng.uniform(*grams), 1)
    finish = rng.choice(("glossy", "satin", "antique"))
    side = max(3, round(weight ** (1 / 3) * 2))
    return Design(category, title, "Dicor dari timah Bangka dan dipoles dengan tangan.",
                  rupiah(rng, low, high),
                  {"weight": weight, "dimensions": f"{side} x {max(2, side // 2)} x {side} cm",
                   "finish": finish})


ANYAMAN_MATERIALS = {"babel": ("resam", "rattan"), "lumajang": ("pandan", "bambu", "rattan")}


def anyaman(rng: random.Random, region: str) -> Design:
    material = rng.choice(ANYAMAN_MATERIALS.get(region, ("pandan", "rattan")))
    name = {"rattan": "Rotan", "pandan": "Pandan", "resam": "Resam", "bambu": "Bambu"}[material]
    category, title, size = rng.choice((
        ("bags", f"Tas Anyaman {name}", "30 x 12 x 25 cm"),
        ("bags", f"Clutch Anyaman {name}", "28 x 4 x 15 cm"),
        ("baskets", f"Keranjang Anyaman {name}", "35 x 35 x 30 cm"),
        ("baskets", f"Tempat Tisu Anyaman {name}", "25 x 13 x 10 cm"),
        ("mats", f"Tikar {name} Motif Tabur", "180 x 120 cm"),
        ("mats", f"Alas Piring {name} Isi 6", "35 x 25 cm"),
    ))
    return Design(category, title, f"Dianyam tangan dari {material} yang dikeringkan alami.",
                  rupiah(rng, 150_000, 1_200_000), {"material": material, "dimensions": size})


def wood_carving(rng: random.Random, region: str) -> Design:
    wood = rng.choice(("jati", "mahoni", "sono keling", "suar"))
    category, title, low, high = rng.choice((
        ("reliefs", f"Relief Ukir Kayu {wood.title()} Motif Bunga Jepara", 750_000, 3_500_000),
        ("sculptures", f"Patung Macan Kurung Kayu {wood.title()}", 1_000_000, 3_500_000),
        ("sculptures", f"Patung Penari Kayu {wood.title()}", 600_000, 2_500_000),
        ("home-decor", f"Cermin Ukir Kayu {wood.title()}", 450_000, 2_000_000),
        ("home-decor", "Kotak Perhiasan Ukir", 250_000, 750_000),
    ))
    side = rng.randint(20, 120)
    return Design(category, title, f"Diukir tangan dari kayu {wood} kering oven.",
                  rupiah(rng, low, high, 10_000),
                  {"wood": wood, "dimensions": f"{side} x {max(5, side // 3)} cm"})


def batu_satam(rng: random.Random, region: str) -> Design:
    kind = rng.choice(("cincin", "liontin", "bros", "batu lepas"))
    millimetres = rng.randint(8, 24)
    title = {"cincin": "Cincin Perak Batu Satam", "liontin": "Liontin Batu Satam Bulat",
             "bros": "Bros Batu Satam Motif Simpor",
             "batu lepas": f"Batu Satam Asli Belitung {millimetres} mm"}[kind]
    category = "stones" if kind == "batu lepas" else "jewellery"
    return Design(category, title, "Batu satam asli Belitung, diasah dan diikat dengan tangan.",
                  rupiah(rng, 200_000, 3_500_000, 10_000),
                  {"kind": kind, "size": f"{millimetres} x {max(6, millimetres - 2)} mm"})


def kopiah_resam(rng: random.Random, region: str) -> Design:
    style = rng.choice(("Hitam Klasik", "Motif Tabur", "Anyaman Halus", "Motif Pucuk Rebung"))
    return Design("caps", f"Kopiah Resam {style}",
                  "Dianyam dari batang resam yang dibelah tipis, dikerjakan berminggu-minggu.",
                  rupiah(rng, 350_000, 2_000_000, 10_000), {"head_size": rng.randint(54, 60)})


def knitwear(rng: random.Random, region: str) -> Design:
    yarn = rng.choice(("katun susu", "akrilik", "wol", "katun bambu"))
    category, title = rng.choice((
        ("clothing", "Kardigan Rajut Motif Cual"), ("clothing", "Sweater Rajut Lada Putih"),
        ("bags", "Tas Rajut Serut"), ("accessories", "Syal Rajut Motif Kelubi"),
    ))
    return Design(category, title, f"Dirajut tangan dari benang {yarn}.",
                  rupiah(rng, 150_000, 650_000), {"yarn": yarn})


DESIGNERS: dict[str, Callable[[random.Random, str], Design]] = {
    "batik": batik, "eco-print": eco_print, "tenun-cual": tenun_cual,
    "tenun-ikat": tenun_ikat, "pewter": pewter, "anyaman": anyaman,
    "wood-carving": wood_carving, "batu-satam": batu_satam,
    "kopiah-resam": kopiah_resam, "knitwear": knitwear,
}
