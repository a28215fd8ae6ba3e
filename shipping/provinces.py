"""Indonesia's 38 provinces, as written on addresses.

The names are proper names and stay the same in every language, so they are not
marked for translation. The stored value is the name itself (Oscar's address
`state` field).
"""

PROVINCES: tuple[str, ...] = (
    # Sumatra
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    # Java
    "DKI Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    # Bali and Nusa Tenggara
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    # Kalimantan
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    # Sulawesi
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    # Maluku
    "Maluku",
    "Maluku Utara",
    # Papua
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Selatan",
    "Papua Tengah",
    "Papua Pegunungan",
)

PROVINCE_CHOICES: list[tuple[str, str]] = [(name, name) for name in PROVINCES]
