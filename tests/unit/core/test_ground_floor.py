"""core is the ground floor: it imports Django, Babel and the standard library,
never one of the shop's apps (imports inside functions count too)."""
import ast
import sys
from pathlib import Path

import core

CORE = Path(core.__file__).parent
ALLOWED = {"django", "babel", "core"} | set(sys.stdlib_module_names)


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_no_app_of_the_shop():
    found = {str(path.relative_to(CORE)): _imported(path) - ALLOWED
             for path in sorted(CORE.rglob("*.py"))}

    assert {path: names for path, names in found.items() if names} == {}
