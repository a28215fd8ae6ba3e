"""core is the ground floor: it imports no app of the shop and nothing of Oscar
(imports inside functions count too). Libraries it wraps (Celery, Redis, the S3
storage, ...) are allowed; tests/unit/test_layers.py checks every other app."""
import ast
from pathlib import Path

import core

CORE = Path(core.__file__).parent
ROOT = CORE.parent
SHOP_APPS = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"core"}
FORBIDDEN = SHOP_APPS | {"oscar"}


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_shop_apps_are_found():
    assert {"catalogue", "curation", "artisans", "shop", "tests"} <= SHOP_APPS


def test_core_imports_no_app_of_the_shop_and_nothing_of_oscar():
    found = {str(path.relative_to(CORE)): _imported(path) & FORBIDDEN
             for path in sorted(CORE.rglob("*.py"))}

    assert {path: names for path, names in found.items() if names} == {}
