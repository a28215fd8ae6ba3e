"""Uploaded files for the artisan-area tests: real photos made by Pillow, and fakes."""
import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue import services

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                 "GIF": "image/gif"}


def photo_upload(name: str = "kain.jpg", image_format: str = "JPEG",
                 size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (150, 90, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=CONTENT_TYPES[image_format])


def text_renamed_jpg(name: str = "catatan.jpg") -> SimpleUploadedFile:
    """A text file with a photo's name and content type: only its content gives it away."""
    return SimpleUploadedFile(name, b"bukan foto, hanya teks\n" * 20, content_type="image/jpeg")


GPS_IFD = 0x8825


def heic_with_gps(name: str = "IMG_0042.HEIC", size: tuple[int, int] = (80, 40)
                  ) -> SimpleUploadedFile:
    """An iPhone-style HEIC photo (made with pillow-heif) with a GPS position and a camera."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[0x0110] = "Kamera Rahasia"
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (7.0, 9.0, 0.0), 3: "E", 4: (111.0, 53.0, 0.0)})
    buffer = BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(buffer, format="HEIF", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/heic")


def stored_photo_facts(field_file) -> dict:
    """What a stored photo really is: its format, EXIF (GPS included) and raw bytes' tells."""
    with field_file.open("rb") as stored:
        data = stored.read()
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        return {"format": image.format, "size": image.size, "exif": dict(exif),
                "gps": dict(exif.get_ifd(GPS_IFD)), "camera_in_bytes": b"Kamera" in data,
                "heic_in_bytes": b"ftypheic" in data[:32] or b"ftypmif1" in data[:32]}

ORIENTATION = 0x0112


# --- files built with Pillow, for the photo pipeline's refusals ------------------------

def gps_jpeg(name: str = "kamera.jpg", size=(80, 40), orientation: int = 6) -> SimpleUploadedFile:
    """A landscape JPEG with a GPS position, a camera model and orientation 6 (turn right)."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x0110] = "Kamera Rahasia"
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (7.0, 9.0, 0.0), 3: "E", 4: (111.0, 53.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"dibuat di rumah")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def noisy_jpeg_bytes(size=(400, 300)) -> bytes:
    buffer = BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def truncated_jpeg(name: str = "putus.jpg") -> SimpleUploadedFile:
    data = noisy_jpeg_bytes()
    return SimpleUploadedFile(name, data[: len(data) // 2], content_type="image/jpeg")


def big_png(name: str, size: tuple[int, int]) -> SimpleUploadedFile:
    """A real PNG of one colour: small on disk, huge in pixels (1 bit per pixel to build)."""
    buffer = BytesIO()
    Image.new("1", size, 1).save(buffer, format="PNG", optimize=False)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def sixty_megapixels(name: str = "enam-puluh-mp.png") -> SimpleUploadedFile:
    return big_png(name, (7746, 7746))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def decompression_bomb(name: str = "bom.png", side: int = 20000) -> SimpleUploadedFile:
    """A PNG whose header claims side × side pixels (400 million): a few hundred bytes."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    data = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + _chunk(b"IEND", b""))
    return SimpleUploadedFile(name, data, content_type="image/png")


def svg(name: str = "logo.svg") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
              b'<script>alert(1)</script></svg>', content_type="image/svg+xml")


def oversized(name: str = "berat.jpg") -> SimpleUploadedFile:
    """A file over MAX_PHOTO_BYTES that starts like a JPEG."""
    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0" + b"\0" * services.MAX_PHOTO_BYTES,
                              content_type="image/jpeg")


#: Each refusal the issue lists: (file builder, words of its message in English).
REFUSALS = {
    "renamed text": (lambda: text_renamed_jpg("catatan.jpg"), "not a photo we can take"),
    "truncated": (truncated_jpeg, "damaged or incomplete"),
    "60 megapixels": (sixty_megapixels, "too many pixels"),
    "decompression bomb": (decompression_bomb, "decompression bomb"),
    "svg": (svg, "not a photo we can take"),
    "over the size limit": (oversized, "larger than 10 MB"),
}


def exif_of(data: bytes) -> dict:
    with Image.open(BytesIO(data)) as image:
        return {"exif": dict(image.getexif()), "info": set(image.info) - {"icc_profile", "jfif",
                "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive",
                "progression"}, "size": image.size, "format": image.format,
                "pixel": image.convert("RGB").getpixel((image.width // 2, 2))}
