"""The layering of ARCHITECTURE.md, checked on the code itself.

Every import of a project module is read from the source (``ast``): an app may
import only the apps below it, so there is no cycle between apps; a project
module is imported inside a function only in ``AppConfig.ready()`` or under a
comment saying why.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parent.parent
# From the top (the project shell) to the bottom (the toolkit), as in ARCHITECTURE.md.
LAYERS = (
    "config",
    "portal",
    "newsletters",
    "documents",
    "directory",
    "search",
    "places",
    "core",
)


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str
    local: bool  # inside a function
    in_ready: bool  # inside AppConfig.ready()
    explained: bool  # a comment on the line or just above

    @property
    def app(self) -> str:
        return self.path.relative_to(ROOT).parts[0]

    @property
    def target(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} {self.module}"


def _modules() -> list[Path]:
    return [
        path
        for app in LAYERS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def _imported_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def _explained(lines: list[str], line: int) -> bool:
    here = lines[line - 1]
    above = lines[line - 2].strip() if line >= 2 else ""
    return "#" in here or above.startswith("#")


def _imports(path: Path) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found: list[Import] = []

    def visit(node: ast.AST, functions: tuple[str, ...], type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner, checking = functions, type_checking
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = (*functions, child.name)
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                checking = True
            for name in _imported_names(child):
                if name.split(".")[0] in LAYERS and not checking:
                    found.append(
                        Import(
                            path,
                            child.lineno,
                            name,
                            local=bool(functions),
                            in_ready=functions[:1] == ("ready",),
                            explained=_explained(lines, child.lineno),
                        )
                    )
            visit(child, inner, checking)

    visit(ast.parse(source), (), False)
    return found


def _all_imports() -> list[Import]:
    return [found for path in _modules() for found in _imports(path)]


def test_apps_import_only_the_apps_below_them():
    upwards = [
        str(found)
        for found in _all_imports()
        if found.target != found.app
        and LAYERS.index(found.target) < LAYERS.index(found.app)
    ]
    assert upwards == []


def test_core_imports_no_app():
    assert [
        str(f) for f in _all_imports() if f.app == "core" and f.target != "core"
    ] == []


def test_function_local_imports_say_why():
    unexplained = [
        str(found)
        for found in _all_imports()
        if found.local and not found.in_ready and not found.explained
    ]
    assert unexplained == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The checks above can fail: an import of portal from places is seen."""
    module = tmp_path / "probe.py"
    module.write_text("def f():\n    from portal.models import HomePage\n")
    found = _imports(module)
    assert [(f.target, f.local, f.explained) for f in found] == [
        ("portal", True, False)
    ]
