"""Craft words buyers use in Indonesian and English, for Elasticsearch's synonym filter.

Each line is one group of equivalent words or phrases (Solr format, as the
synonym_graph filter reads them): a buyer typing any of them finds products
described with the others. The filter runs at search time only, so editing this
list takes effect at the next rebuild of the index settings without reindexing
documents (`python manage.py search_reindex`).

Keep the words lowercase and unstemmed: the analyzers lowercase before the
synonyms and stem after them.
"""

CRAFT_SYNONYMS: tuple[str, ...] = (
    # Weaving and cloth
    "tenun, woven, weaving, tenunan",
    "kain, cloth, fabric, textile, wastra",
    "songket, brocade",
    "ikat, tie-dyed weaving",
    # Batik techniques
    "batik, wax-resist",
    "tulis, hand-drawn, handdrawn, hand drawn",
    "cap, stamped, stamp",
    "kombinasi, combination",
    "canting, tjanting",
    "pewarna alam, natural dye, natural dyes",
    "malam, wax",
    # Basketry and natural fibres
    "anyaman, woven basketry, basketry, wickerwork, plaited",
    "rotan, rattan",
    "bambu, bamboo",
    "pandan, pandanus",
    "keranjang, basket",
    "tikar, mat",
    # Metal, stone, wood
    "timah, pewter, tin",
    "ukiran, carving, carved",
    "kayu, wood, wooden",
    "jati, teak",
    "mahoni, mahogany",
    "batu, stone",
    "perhiasan, jewellery, jewelry",
    "cincin, ring",
    "liontin, pendant",
    "bros, brooch",
    # Things
    "tas, bag, handbag",
    "selendang, scarf, shawl, stole",
    "sarung, sarong",
    "kopiah, peci, songkok, cap hat",
    "baju, kemeja, shirt, clothing",
    "hadiah, oleh-oleh, gift, souvenir",
    "sutra, sutera, silk",
    "katun, cotton",
    "benang, yarn, thread",
    "rajut, knitted, knitwear, crochet",
)
