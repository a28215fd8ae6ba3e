"""The demo's regions (councils) and their artisan businesses.

Fictional businesses in real places; the people are made up. Each region lists the
crafts its council curates (slugs of catalogue.crafts.CRAFTS).
"""
from dataclasses import dataclass
from functools import cached_property

from django.utils.text import slugify


@dataclass(frozen=True)
class DemoRegion:
    key: str  # short name, used in curator usernames
    name: str
    kind: str
    province: str
    crafts: tuple[str, ...]
    description_id: str
    description_en: str
    curator: str  # the council curator's full name

    @property
    def display_name(self) -> str:
        """As catalogue.models.Region.display_name: Kabupaten Bojonegoro, Kota Pekalongan."""
        return self.name if self.kind == "provinsi" else f"{self.kind.capitalize()} {self.name}"

    @property
    def slug(self) -> str:
        return slugify(self.display_name)


@dataclass(frozen=True)
class DemoArtisan:
    name: str
    region: str  # DemoRegion.key
    crafts: tuple[str, ...]
    owner: str
    place: str
    founded: int
    known_for_id: str
    known_for_en: str
    verified: bool = True

    @cached_property  # looked up for every product
    def slug(self) -> str:
        return slugify(self.name)


REGIONS: tuple[DemoRegion, ...] = (
    DemoRegion(
        "bojonegoro", "Bojonegoro", "kabupaten", "Jawa Timur", ("batik", "eco-print"),
        "Batik Jonegoroan lahir dari alam Bojonegoro: daun jati, ladang tembakau dan api "
        "abadi Kayangan Api menjadi motifnya. Perajin eco-print memakai daun jati dan "
        "ketapang dari hutan sekitar.",
        "Jonegoroan batik grows out of Bojonegoro's landscape: teak leaves, tobacco fields "
        "and the eternal flame of Kayangan Api are its motifs. Eco-print makers use teak "
        "and ketapang leaves from the forests around.",
        "Sri Wahyuni",
    ),
    DemoRegion(
        "lumajang", "Lumajang", "kabupaten", "Jawa Timur",
        ("batik", "anyaman", "wood-carving"),
        "Di kaki Semeru, perajin Lumajang membatik motif pisang agung dan kopi, menganyam "
        "pandan dan bambu, serta mengukir kayu dari hutan rakyat.",
        "At the foot of Mount Semeru, Lumajang's makers draw batik of plantains and coffee, "
        "weave pandan and bamboo, and carve wood from community forests.",
        "Agus Setiawan",
    ),
    DemoRegion(
        "probolinggo", "Probolinggo", "kabupaten", "Jawa Timur", ("batik",),
        "Batik Probolinggo dikenal dengan motif mangga dan anggur, buah khas daerah ini, "
        "serta lanskap Gunung Bromo.",
        "Probolinggo batik is known for its mango and grape motifs, the region's signature "
        "fruits, and for the landscapes of Mount Bromo.",
        "Nur Hidayati",
    ),
    DemoRegion(
        "babel", "Kepulauan Bangka Belitung", "provinsi", "Kepulauan Bangka Belitung",
        ("tenun-cual", "pewter", "batu-satam", "kopiah-resam", "batik", "knitwear",
         "anyaman"),
        "Negeri timah dan lada: kain tenun cual dari Muntok, pewter dari timah Bangka, "
        "batu satam Belitung, kopiah resam, hingga batik dan rajutan perajin kepulauan.",
        "The land of tin and pepper: tenun cual cloth from Muntok, pewter made from Bangka "
        "tin, Belitung's satam stone, kopiah resam caps, and the islands' batik and "
        "knitwear.",
        "Hendra Saputra",
    ),
    DemoRegion(
        "pekalongan", "Pekalongan", "kota", "Jawa Tengah", ("batik",),
        "Kota Batik: sentra batik pesisir dengan warna cerah dan motif jlamprang, buketan "
        "dan terang bulan.",
        "The City of Batik: a centre of coastal batik with bright colours and jlamprang, "
        "buketan and terang bulan motifs.",
        "Fitri Handayani",
    ),
    DemoRegion(
        "jepara", "Jepara", "kabupaten", "Jawa Tengah", ("wood-carving",),
        "Kota Ukir: perajin Jepara mengukir jati dan mahoni menjadi relief, patung dan "
        "perabot sejak masa Ratu Kalinyamat.",
        "The carving town: Jepara's craftsmen have carved teak and mahogany into reliefs, "
        "statues and furniture since the days of Queen Kalinyamat.",
        "Bambang Sutrisno",
    ),
    DemoRegion(
        "sumba-timur", "Sumba Timur", "kabupaten", "Nusa Tenggara Timur", ("tenun-ikat",),
        "Kain hinggi dan lau Sumba Timur ditenun dari benang pintal tangan yang dicelup "
        "akar mengkudu dan nila.",
        "East Sumba's hinggi and lau cloths are woven from hand-spun yarn dyed with morinda "
        "root and indigo.",
        "Yohana Rambu Ana",
    ),
)

REGIONS_BY_KEY = {region.key: region for region in REGIONS}


def _artisan(name, region, crafts, owner, place, founded, known_for_id, known_for_en,
             verified=True) -> DemoArtisan:
    return DemoArtisan(name, region, tuple(crafts.split()), owner, place, founded,
                       known_for_id, known_for_en, verified)


A = _artisan
ARTISANS: tuple[DemoArtisan, ...] = (
    A("Batik Jonegoroan Sekar Jati", "bojonegoro", "batik", "Siti Aminah", "Temayang",
      2009, "batik tulis motif sekar jati", "hand-drawn sekar jati batik"),
    A("Griya Batik Thengul", "bojonegoro", "batik", "Endang Purwati", "Dander", 2013,
      "batik cap motif rancak thengul", "stamped rancak thengul batik"),
    A("Eco Print Kayangan", "bojonegoro", "eco-print", "Rina Kusumawati", "Kapas", 2017,
      "eco-print daun jati di atas sutra", "teak-leaf eco-print on silk"),
    A("Daun Jati Ecoprint", "bojonegoro", "eco-print batik", "Wahyu Prasetyo", "Kalitidu",
      2019, "perpaduan eco-print dan batik", "eco-print combined with batik"),
    A("Batik Mliwis Mukti", "bojonegoro", "batik", "Lilik Suryani", "Sumberrejo", 2011,
      "batik pewarna alam dari kulit mahoni", "batik dyed with mahogany bark"),
    A("Batik Pisang Agung", "lumajang", "batik", "Yuliana Dewi", "Tempeh", 2012,
      "batik motif pisang agung", "pisang agung plantain batik"),
    A("Anyaman Ranu Klakah", "lumajang", "anyaman", "Sumiati", "Klakah", 2008,
      "anyaman bambu dan pandan", "bamboo and pandan weaving"),
    A("Ukir Kayu Semeru", "lumajang", "wood-carving", "Slamet Riyadi", "Senduro", 2005,
      "ukiran kayu suar dan mahoni", "carvings in suar and mahogany"),
    A("Batik Senduro", "lumajang", "batik", "Ni Made Sukerti", "Senduro", 2016,
      "batik bermotif kopi dan Semeru", "coffee and Semeru motif batik"),
    A("Kerajinan Pandan Pasirian", "lumajang", "anyaman", "Tutik Handayani", "Pasirian",
      2014, "tas dan tikar pandan pesisir", "coastal pandan bags and mats"),
    A("Batik Mangga Anggur", "probolinggo", "batik", "Hartini", "Kraksaan", 2010,
      "batik motif mangga dan anggur", "mango and grape batik"),
    A("Sanggar Batik Bromo", "probolinggo", "batik", "Dwi Astuti", "Sukapura", 2015,
      "batik lanskap Bromo", "batik of Bromo landscapes"),
    A("Batik Paiton Pesisir", "probolinggo", "batik", "Mariyam", "Paiton", 2021,
      "batik pesisir warna cerah", "bright coastal batik", verified=False),
    A("Rumah Tenun Cual Muntok", "babel", "tenun-cual", "Maimunah", "Muntok", 2004,
      "tenun cual sutra benang emas", "silk and gold-thread tenun cual"),
    A("Cual Kembang Gajah", "babel", "tenun-cual batik", "Zulkarnain", "Pangkalpinang",
      2012, "tenun cual motif kembang gajah", "kembang gajah tenun cual"),
    A("Kriya Timah Pangkalpinang", "babel", "pewter", "Andi Wijaya", "Pangkalpinang",
      2007, "miniatur pewter dari timah Bangka", "pewter miniatures of Bangka tin"),
    A("Pewter Pinisi Sungailiat", "babel", "pewter", "Hasan Basri", "Sungailiat", 2013,
      "miniatur kapal pewter", "pewter ship models"),
    A("Satam Belitong Galeri", "babel", "batu-satam", "Fransiska Lie", "Tanjung Pandan",
      2010, "perhiasan batu satam asli", "genuine satam stone jewellery"),
    A("Kopiah Resam Selindung", "babel", "kopiah-resam anyaman", "Mahmud", "Selindung",
      2006, "kopiah resam anyaman halus", "finely woven resam caps"),
    A("Batik Simpor Belitung", "babel", "batik", "Nurlela", "Tanjung Pandan", 2014,
      "batik motif bunga simpor", "simpor flower batik"),
    A("Rajut Serumpun Sebalai", "babel", "knitwear", "Yanti Oktaviani", "Koba", 2020,
      "rajutan motif cual", "knitwear with cual motifs", verified=False),
    A("Anyaman Resam Tanjung Pandan", "babel", "anyaman", "Rosmawati", "Tanjung Pandan",
      2009, "tas dan wadah anyaman resam", "resam bags and baskets"),
    A("Batik Kelubi Pangkalpinang", "babel", "batik knitwear", "Evi Susanti",
      "Pangkalpinang", 2018, "batik dan rajutan motif kelubi", "kelubi batik and knitwear"),
    A("Batik Jlamprang Kauman", "pekalongan", "batik", "Abdul Rochim", "Kauman", 1998,
      "batik tulis motif jlamprang", "hand-drawn jlamprang batik"),
    A("Batik Buketan Pesindon", "pekalongan", "batik", "Liem Swie Giok", "Pesindon", 2001,
      "batik buketan pesisiran", "coastal buketan batik"),
    A("Batik Terang Bulan Kradenan", "pekalongan", "batik", "Khotijah", "Kradenan", 2008,
      "batik motif terang bulan", "terang bulan batik"),
    A("Ukir Jepara Mulyoharjo", "jepara", "wood-carving", "Sutarno", "Mulyoharjo", 1995,
      "patung dan macan kurung", "statues and macan kurung"),
    A("Mebel Ukir Tahunan", "jepara", "wood-carving", "Suhadi", "Tahunan", 2003,
      "cermin dan kotak ukir jati", "carved teak mirrors and boxes"),
    A("Relief Kayu Senenan", "jepara", "wood-carving", "Kusnadi", "Senenan", 2000,
      "relief kayu jati", "teak reliefs"),
    A("Tenun Ikat Prailiu", "sumba-timur", "tenun-ikat", "Rambu Hamu", "Prailiu", 2002,
      "hinggi pewarna alam", "naturally dyed hinggi"),
    A("Tenun Pahikung Kambera", "sumba-timur", "tenun-ikat", "Umbu Lapu", "Kambera", 2011,
      "lau pahikung", "lau pahikung cloth"),
)
del A
