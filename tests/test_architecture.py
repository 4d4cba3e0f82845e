"""The layering of ARCHITECTURE.md, checked on the code itself.

Every import of a project module is read from the source (``ast``): an app may
import only the apps below it, so there is no cycle between apps; a project
module is imported inside a function only in ``AppConfig.ready()`` or under a
comment saying why.
"""

from __future__ import annotations

import ast
import re
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


# --- The search names no app (issue #16) -------------------------------------------

# The apps above the search: it learns about them through their declarations
# (core.search_contracts), never by name.
APPS_ABOVE_SEARCH = ("portal", "newsletters", "documents", "directory")
# Named on purpose: the site's frame, which core's pages extend too.
SITE_FRAME = "portal/base.html"
# A reference to an app: its URL names (``directory:nearby``), template paths
# (``directory/includes/…``) and modules (``directory.models``).
APPS = "|".join(APPS_ABOVE_SEARCH)
APP_REFERENCE = re.compile(rf"(?<![\w-])({APPS})(?=[:/.]\w)")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _python_naming(source: str, kinds: tuple[str, ...]) -> list[tuple[int, str]]:
    """Lines of code (not comments nor docstrings) naming an app above the
    search, or one of ``kinds``: ``(line, what)``."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    kind_word = re.compile(rf"(?<![\w-])({'|'.join(kinds)})(?![\w-])")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            text = node.value
            if text in APPS_ABOVE_SEARCH or APP_REFERENCE.search(text):
                found.append((node.lineno, text))
            elif kinds and kind_word.search(text):
                found.append((node.lineno, text))
        elif isinstance(node, ast.Name) and node.id in APPS_ABOVE_SEARCH:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.alias) and node.name.split(".")[0] in (
            APPS_ABOVE_SEARCH
        ):
            found.append((node.lineno, node.name))
    return sorted(found)


TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)


def _template_naming(text: str, kinds: tuple[str, ...]) -> list[str]:
    """Template code naming an app above the search (a URL name, a template, a
    tag library) or comparing with one of ``kinds``."""
    text = TEMPLATE_COMMENT.sub("", text).replace(f'"{SITE_FRAME}"', "")
    found = re.findall(rf"""['"](?:{APPS})[:/][^'"]*['"]""", text)
    found += re.findall(rf"{{%\s*load\b[^%]*\b(?:{APPS})_\w+", text)
    if kinds:
        found += re.findall(rf"""['"](?:{"|".join(kinds)})['"]""", text)
    return found


def _upper_kinds() -> tuple[str, ...]:
    """The kinds whose records belong to an app above the search (an antenna,
    a publication; not a commune, of ``places``, nor a Wagtail page)."""
    from search.registry import result_types  # the app registry is ready here

    return tuple(
        name
        for name, kind in result_types().items()
        if kind.model._meta.app_label in APPS_ABOVE_SEARCH
    )


def _search_naming(kinds: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / "search").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for line, what in _python_naming(source, kinds):
            found.append(f"{path.relative_to(ROOT)}:{line} {what!r}")
    for path in sorted((ROOT / "search" / "templates").rglob("*.html")):
        for what in _template_naming(path.read_text(encoding="utf-8"), kinds):
            found.append(f"{path.relative_to(ROOT)} {what}")
    return found


def test_search_names_no_app_nor_their_kinds():
    kinds = _upper_kinds()
    assert {"organisation", "antenna", "category", "publication"} <= set(kinds)
    assert _search_naming(kinds) == []


def test_the_naming_checks_can_fail():
    kinds = ("organisation", "antenna", "category")
    python = (
        '"""The directory:nearby page (a docstring explains)."""\n'
        "# directory/includes/map.html in a comment\n"
        "URL = reverse('directory:nearby')\n"
        "PRIOR = {'organisation': 0.3}\n"
        "SQL = \"CASE WHEN kind = 'category' THEN 1 END\"\n"
        "import documents.models\n"
        "label = portal\n"
        'note = "the portal\'s search, search_document rows"\n'
    )
    assert [line for line, _what in _python_naming(python, kinds)] == [3, 4, 5, 6, 7]
    template = (
        '{% extends "portal/base.html" %}{% load i18n portal_tags %}\n'
        "{# {% url 'directory:nearby' %} #}\n"
        "<a href=\"{% url 'directory:category' slug=c.slug %}\">\n"
        '{% include "directory/includes/map.html" %}\n'
        '{% if result.type == "antenna" %}…{% endif %}\n'
        '<p class="need-offer">{{ outcome.page }}</p>\n'
    )
    assert _template_naming(template, kinds) == [
        "'directory:category'",
        '"directory/includes/map.html"',
        "{% load i18n portal_tags",
        '"antenna"',
    ]
