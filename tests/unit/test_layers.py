"""The apps are in layers, each importing only from below (issue 13).

Every import counts, at the top of a module or inside a function; migrations are
left out (they name what they depend on by app label). Each app's docstring
(<app>/__init__.py) says what it owns and, on a line "May import: ...", which apps
it may import: that line must match LAYERS, and the imports found must be within it.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Bottom to top. An app may import the apps of the layers below its own, never one
#: of its own layer or above. A lower app that must set off work in a higher one
#: calls a hook it declares (core.hooks; payments/hooks.py, fulfilment/hooks.py).
LAYERS = [
    ["core"],
    ["partner"],
    ["catalogue"],
    ["search"],
    ["curation"],
    ["payments"],
    ["fulfilment"],
    ["payouts"],
    ["statements"],
    ["artisans"],
    ["shipping", "wishlists"],
    ["checkout", "customer"],
    ["dashboard"],
    ["demo"],
    ["shop"],
]
LAYER_OF = {app: index for index, apps in enumerate(LAYERS) for app in apps}
APPS = sorted(LAYER_OF)


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.relative_to(ROOT).parts:
            yield path


def _imported_apps(path: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in LAYER_OF:
                found.setdefault(top, []).append(node.lineno)
    return found


def _allowed(app: str) -> set[str]:
    return {other for other, layer in LAYER_OF.items() if layer < LAYER_OF[app]}


def test_every_app_of_the_project_has_a_layer():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_from_the_layers_below(app):
    allowed = _allowed(app) | {app}
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {other}"
        for path in _modules(app)
        for other, lines in _imported_apps(path).items() if other not in allowed
        for line in lines
    ]
    assert wrong == []


def _declared(app: str) -> set[str]:
    """The apps named on the docstring's "May import:" line, up to its first full stop:
    a list of app names separated by commas, "nothing of the shop ..." (core) or
    "every app of the shop ..." (the project)."""
    doc = ast.get_docstring(ast.parse((ROOT / app / "__init__.py").read_text())) or ""
    match = re.search(r"May import:\s*([^.]*)\.", doc)
    assert match, f"{app}/__init__.py: no 'May import: ...' line"
    text = " ".join(match.group(1).split())
    if text.startswith("nothing of the shop"):
        return set()
    if text.startswith("every app of the shop"):
        return _allowed(app)
    names = {name.strip() for name in text.split(",")}
    assert names <= set(APPS), f"not apps of the project: {sorted(names - set(APPS))}"
    return names


@pytest.mark.parametrize("app", APPS)
def test_an_apps_docstring_says_what_it_may_import(app):
    declared = _declared(app)
    assert declared <= _allowed(app), "declares an app of its own layer or above"
    used = {other for path in _modules(app) for other in _imported_apps(path)} - {app}
    assert used <= declared, f"imports {sorted(used - declared)} without declaring them"


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "import os\nfrom catalogue.models import Product\n\n"
        "def later():\n    from payouts import rates\n    import shop.urls\n"
    )

    assert _imported_apps(module) == {"catalogue": [2], "payouts": [5], "shop": [6]}


def test_an_app_of_a_lower_layer_may_not_import_a_higher_one():
    assert "payments" in _allowed("fulfilment")
    assert "fulfilment" not in _allowed("payments")
    assert "checkout" not in _allowed("customer")  # the same layer
