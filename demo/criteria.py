"""The council's demo curation criteria, in Indonesian and English.

Every criterion applies to every craft (no crafts named); the council admin can narrow
them in the dashboard.
"""
from dataclasses import dataclass

from curation.criteria import ORDER_STEP
from curation.models import Criterion


@dataclass(frozen=True)
class DemoCriterion:
    code: str
    name_id: str
    name_en: str
    guidance_id: str
    guidance_en: str
    is_mandatory: bool = True
    asks_evidence: bool = False


DEMO_CRITERIA: tuple[DemoCriterion, ...] = (
    DemoCriterion(
        "authentic-technique", "Teknik asli", "Authentic technique",
        "Teknik yang disebut harus benar dikerjakan. Batik tulis harus digambar tangan "
        "dengan canting: garisnya tidak seragam dan malam tembus di kedua sisi kain; "
        "batik cap menunjukkan pola cap yang berulang persis; kain printing tidak punya "
        "retakan malam dan bagian belakangnya pucat. Untuk tenun, anyaman dan ukiran, "
        "cocokkan foto proses dengan hasil akhirnya.",
        "The technique named must be the one used. Batik tulis must be hand-drawn with a "
        "canting: look for uneven lines and wax on both sides of the cloth; cap shows "
        "repeated identical stamps; printing has no wax crackle and a pale reverse. For "
        "weaving, plaiting and carving, match the process photos to the finished piece.",
        asks_evidence=True,
    ),
    DemoCriterion(
        "photos", "Foto", "Photos",
        "Foto jelas dan terang, minimal tampak depan dan detail; warna sesuai aslinya; "
        "tanpa tanda air atau foto milik orang lain.",
        "Clear, well-lit photos showing at least the front and a close-up; true colours; "
        "no watermarks and no one else's pictures.",
    ),
    DemoCriterion(
        "description", "Deskripsi", "Description",
        "Deskripsi jujur dan lengkap: bahan, ukuran, teknik, cara merawat. Tidak ada klaim "
        "yang tidak bisa dibuktikan.",
        "An honest, complete description: materials, size, technique, care. No claims "
        "that cannot be backed.",
    ),
    DemoCriterion(
        "local-identity", "Identitas lokal (motif dan asal)",
        "Local identity (motif and origin)",
        "Motif dan asal daerah disebut dengan benar, dan produk dibuat di daerah perajin. "
        "Foto motif atau cerita asal-usulnya membantu, tetapi tidak wajib.",
        "The motif and the region of origin are named correctly, and the piece is made "
        "in the artisan's region. A photo of the motif or its story helps but is not "
        "required.",
        asks_evidence=True,
    ),
    DemoCriterion(
        "fair-price", "Harga wajar", "Fair price",
        "Harga sebanding dengan bahan, waktu pengerjaan dan teknik: tidak jauh di bawah "
        "ongkos perajin, dan tidak berlebihan dibanding produk serupa di daerahnya.",
        "The price fits the materials, hours and technique: not far below the artisan's "
        "costs, nor out of line with similar pieces from the region.",
    ),
    DemoCriterion(
        "business-legality", "Legalitas usaha (NIB)", "Legality of the business (NIB)",
        "Usaha memiliki Nomor Induk Berusaha (NIB) yang sah dan sesuai dengan nama "
        "perajin; cek di OSS bila ragu.",
        "The business has a valid Business Identification Number (NIB) that matches the "
        "artisan's name; check it on OSS when in doubt.",
    ),
    DemoCriterion(
        "packaging", "Kemasan", "Packaging",
        "Kemasan melindungi produk selama pengiriman dan sebaiknya membawa identitas "
        "perajin. Dianjurkan, tidak wajib.",
        "The packaging protects the piece in transit and ideally carries the artisan's "
        "identity. Recommended, not required.",
        is_mandatory=False,
    ),
)


def demo_criteria_create() -> list[Criterion]:
    """Create or refresh the demo criteria by code, in the order above; safe to run twice."""
    criteria = []
    for position, demo in enumerate(DEMO_CRITERIA, start=1):
        criterion, _created = Criterion.objects.update_or_create(
            code=demo.code,
            defaults={
                "name_id": demo.name_id, "name_en": demo.name_en,
                "guidance_id": demo.guidance_id, "guidance_en": demo.guidance_en,
                "is_mandatory": demo.is_mandatory, "asks_evidence": demo.asks_evidence,
                "is_active": True, "display_order": position * ORDER_STEP,
            },
        )
        criteria.append(criterion)
    return criteria
