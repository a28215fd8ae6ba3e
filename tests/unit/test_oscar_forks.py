"""Oscar is changed the Oscar way: an app we fork is used through our fork.

Oscar's models of a forked app are ours (the fork's models.py declares them, then
imports Oscar's last), so the code imports them from the fork (`partner.models`)
or through get_model, never from Oscar's concrete module
(`oscar.apps.partner.models`), which would only work by the accident that Oscar's
module re-exports the registered class. Checked over every module of the repository
(tests included, migrations excluded; imports inside functions count too).
"""
import ast
from pathlib import Path

from django.apps import apps

import core

ROOT = Path(core.__file__).parent.parent

#: Files allowed an import of Oscar's models of a forked app: none.
PENDING: dict[str, set[str]] = {}


def _oscar_app_of(config) -> str | None:
    """The Oscar app a config of ours forks ("oscar.apps.partner"), or None."""
    if config.name.startswith("oscar"):
        return None
    for base in type(config).__mro__[1:]:
        if base.__module__.startswith("oscar.apps.") and "name" in vars(base):
            return base.name
    return None


def forks() -> dict[str, str]:
    """Our forked apps' packages by the Oscar package each forks."""
    return {oscar_name: config.name for config in apps.get_app_configs()
            if (oscar_name := _oscar_app_of(config))}


def _modules(path: Path) -> set[str]:
    """Every module `path` imports, with `from a import b` counted as a and a.b."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part.startswith(".") or part in ("migrations", "node_modules") for part in parts):
            continue
        yield path


def test_the_forks_are_found():
    assert {"oscar.apps.partner": "partner", "oscar.apps.catalogue": "catalogue",
            "oscar.apps.customer": "customer", "oscar.apps.wishlists": "wishlists",
            "oscar.apps.checkout": "checkout"}.items() <= forks().items()


def test_no_module_imports_oscars_models_of_an_app_we_fork():
    oscar_models = {f"{oscar_name}.models": ours for oscar_name, ours in forks().items()}
    # The fork's own models.py imports Oscar's last: that is how Oscar forks a model.
    allowed = {f"{ours.replace('.', '/')}/models.py" for ours in oscar_models.values()}

    found = {}
    for path in _python_files():
        name = path.relative_to(ROOT).as_posix()
        if name in allowed:
            continue
        imported = _modules(path) & oscar_models.keys()
        if imported - PENDING.get(name, set()):
            found[name] = sorted(imported)

    assert found == {}, (
        "import these models from our fork (partner.models, customer.models, ...) "
        "or with oscar.core.loading.get_model"
    )


def test_the_check_sees_an_import_of_oscars_partner_models(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from oscar.apps.partner.models import StockRecord\n"
                      "from oscar.apps.customer import models\n")

    assert {"oscar.apps.partner.models", "oscar.apps.customer.models"} <= _modules(module)
