"""The crafts Pasar Kriya sells, as Oscar product classes, attributes and categories.

CRAFTS is the one table of them: one entry is one craft, with its attributes (Oscar's
types "option", "text", "float", "integer") and the categories its products are
sorted into, under a root category of the craft's own.

`craft_catalogue_install(apps)` creates whatever of the table is missing and leaves
what exists alone, so it is safe to run again. Migration 0034 runs it with the
historical models. To add a craft: add an entry below and a migration whose
RunPython calls `craft_catalogue_install` again. Because old migrations run this
code, it may only use fields that exist at 0034 (freeze a copy into the migration
before changing that).

Names are English source strings marked for translation (gettext_noop): stored as
written and translated where they are shown. Option values are the craft's own
terms (tulis, cap, tawas ...) and are not translated.
"""
from dataclasses import dataclass

from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext_noop as _

# Treebeard's materialised path as Oscar's Category uses it (MP_Node defaults):
# each level adds a 4-character base-36 step. Migrations see historical models
# without treebeard's methods, so the paths are computed here.
PATH_STEP_LENGTH = 4
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Attribute:
    code: str
    name: str
    type: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Craft:
    slug: str
    name: str
    attributes: tuple[Attribute, ...]
    categories: tuple[tuple[str, str], ...]  # (slug, name) under the craft's root

    @property
    def category_code(self) -> str:
        return f"craft-{self.slug}"

    def subcategory_code(self, slug: str) -> str:
        return f"craft-{self.slug}-{slug}"


def option(code: str, name: str, *options: str) -> Attribute:
    return Attribute(code, name, "option", options)


def text(code: str, name: str) -> Attribute:
    return Attribute(code, name, "text")


def number(code: str, name: str, type: str = "float") -> Attribute:
    return Attribute(code, name, type)


FABRIC = ("fabric", _("Fabric"))
CLOTHING = ("clothing", _("Clothing"))
SCARVES = ("scarves", _("Scarves and shawls"))

CRAFTS: tuple[Craft, ...] = (
    Craft("batik", _("Batik"), (
        option("technique", _("Technique"), "tulis", "cap", "kombinasi", "printing"),
        option("dye", _("Dye"), "natural", "synthetic"),
        text("motif", _("Motif")),
        option("fabric", _("Fabric"), "katun primisima", "katun prima", "sutra", "rayon",
               "dobby"),
        text("size", _("Size")),
    ), (FABRIC, CLOTHING, SCARVES)),
    Craft("eco-print", _("Eco-print"), (
        text("leaves", _("Leaves")),
        text("fabric", _("Fabric")),
        option("mordant", _("Mordant"), "tawas", "kapur", "tunjung"),
    ), (FABRIC, CLOTHING, SCARVES)),
    Craft("tenun-cual", _("Tenun Cual"), (
        option("yarn", _("Yarn"), "sutra", "katun", "benang emas"),
        text("motif", _("Motif")),
        text("size", _("Size")),
    ), (FABRIC, SCARVES)),
    Craft("tenun-ikat", _("Tenun Ikat"), (
        option("yarn", _("Yarn"), "katun pintal tangan", "katun"),
        option("dye", _("Dye"), "natural", "synthetic"),
        text("motif", _("Motif")),
        text("size", _("Size")),
    ), (FABRIC, SCARVES)),
    Craft("pewter", _("Pewter"), (
        number("weight", _("Weight (grams)")),
        text("dimensions", _("Dimensions")),
        option("finish", _("Finish"), "glossy", "satin", "antique"),
    ), (("miniatures", _("Miniatures")), ("jewellery", _("Jewellery")),
        ("tableware", _("Tableware and decor")))),
    Craft("anyaman", _("Anyaman"), (
        option("material", _("Material"), "rattan", "pandan", "resam", "bambu"),
        text("dimensions", _("Dimensions")),
    ), (("bags", _("Bags")), ("baskets", _("Baskets and boxes")), ("mats", _("Mats")))),
    Craft("wood-carving", _("Wood carving"), (
        option("wood", _("Wood"), "jati", "mahoni", "sono keling", "suar"),
        text("dimensions", _("Dimensions")),
    ), (("reliefs", _("Reliefs")), ("sculptures", _("Sculptures")),
        ("home-decor", _("Home decor")))),
    Craft("batu-satam", _("Batu Satam"), (
        option("kind", _("Kind"), "cincin", "liontin", "bros", "batu lepas"),
        text("size", _("Size")),
    ), (("jewellery", _("Jewellery")), ("stones", _("Loose stones")))),
    Craft("kopiah-resam", _("Kopiah Resam"), (
        number("head_size", _("Head size (cm)"), "integer"),
    ), (("caps", _("Caps")),)),
    Craft("knitwear", _("Knitwear"), (
        option("yarn", _("Yarn"), "katun susu", "akrilik", "wol", "katun bambu"),
    ), (CLOTHING, ("bags", _("Bags")), ("accessories", _("Accessories")))),
)

CRAFTS_BY_SLUG = {craft.slug: craft for craft in CRAFTS}


def option_group_code(craft: Craft, attribute: Attribute) -> str:
    return f"{craft.slug}-{attribute.code}"


def craft_catalogue_install(apps) -> None:
    """Create the missing product classes, attributes, option groups and categories.

    `apps` is a migration's historical app registry (or django.apps.apps). Rows
    that exist (by slug or code) are left as they are. Raises nothing of its own.
    """
    for craft in CRAFTS:
        product_class = _install_class(apps, craft)
        for attribute in craft.attributes:
            _install_attribute(apps, craft, product_class, attribute)
        _install_categories(apps, craft)


def _install_class(apps, craft: Craft):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    product_class, _created = ProductClass.objects.get_or_create(
        slug=craft.slug,
        defaults={"name": craft.name, "requires_shipping": True, "track_stock": True},
    )
    return product_class


def _install_attribute(apps, craft: Craft, product_class, attribute: Attribute) -> None:
    ProductAttribute = apps.get_model("catalogue", "ProductAttribute")
    group = _install_option_group(apps, craft, attribute) if attribute.options else None
    ProductAttribute.objects.get_or_create(
        product_class=product_class, code=attribute.code,
        defaults={"name": attribute.name, "type": attribute.type, "option_group": group},
    )


def _install_option_group(apps, craft: Craft, attribute: Attribute):
    AttributeOptionGroup = apps.get_model("catalogue", "AttributeOptionGroup")
    AttributeOption = apps.get_model("catalogue", "AttributeOption")
    code = option_group_code(craft, attribute)
    group, _created = AttributeOptionGroup.objects.get_or_create(
        code=code, defaults={"name": f"{craft.name}: {attribute.name}"}
    )
    for value in attribute.options:
        AttributeOption.objects.get_or_create(
            group=group, option=value, defaults={"code": f"{code}-{slugify(value)}"}
        )
    return group


def _install_categories(apps, craft: Craft) -> None:
    root = _install_category(apps, code=craft.category_code, name=craft.name,
                             slug=craft.slug, parent=None)
    for slug, name in craft.categories:
        _install_category(apps, code=craft.subcategory_code(slug), name=name, slug=slug,
                          parent=root)


def _install_category(apps, *, code: str, name: str, slug: str, parent):
    Category = apps.get_model("catalogue", "Category")
    existing = Category.objects.filter(code=code).first()
    if existing is not None:
        return existing
    category = Category.objects.create(
        code=code, name=name, slug=slug, path=_next_path(Category, parent),
        depth=parent.depth + 1 if parent else 1, numchild=0,
        is_public=True, ancestors_are_public=True,
    )
    if parent is not None:
        Category.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.refresh_from_db(fields=["numchild"])
    return category


def _next_path(Category, parent) -> str:
    """The path treebeard would give a new last child of `parent` (a new root if None)."""
    prefix = parent.path if parent else ""
    depth = parent.depth + 1 if parent else 1
    last = (
        Category.objects.filter(depth=depth, path__startswith=prefix)
        .order_by("-path").values_list("path", flat=True).first()
    )
    position = int(last[-PATH_STEP_LENGTH:], len(PATH_ALPHABET)) + 1 if last else 1
    return prefix + _path_step(position)


def _path_step(position: int) -> str:
    digits = ""
    while position:
        position, remainder = divmod(position, len(PATH_ALPHABET))
        digits = PATH_ALPHABET[remainder] + digits
    return digits.rjust(PATH_STEP_LENGTH, PATH_ALPHABET[0])
