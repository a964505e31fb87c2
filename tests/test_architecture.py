"""The layering the team agreed on: catalogue/ knows nothing of the UI or the index; pages hold no HTML."""
import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Where each layer's code lives (every .py file below a folder, at any depth) and what it must not import.
LAYERS = {
    "catalogue": {"streamlit", "whoosh", "search", "app_pages", "plotly"},
    "search": {"streamlit", "app_pages", "plotly"},
    "app_pages": {"whoosh"},  # pages reach the index only through search.SearchEngine
    "app.py": {"whoosh"},
}
IMPORT_FUNCTIONS = {"import_module", "__import__"}  # importlib.import_module("x"), __import__("x")


def module_of(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted module name of a file below `root`, and whether it is a package's __init__."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _resolve(name: str, level: int, module: str, is_package: bool) -> str:
    """An import relative to `module` (level dots) as an absolute dotted name."""
    if level == 0:
        return name
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[:len(package) - (level - 1)] if level - 1 <= len(package) else []
    return ".".join([*base, name] if name else base)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module a source imports: import statements (relative ones resolved against `module`), and
    string arguments of importlib.import_module() and __import__()."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, module, is_package)
            if node.module:
                found.add(base)
            else:  # `from . import x`: x is a module of that package
                found.update(f"{base}.{alias.name}" if base else alias.name for alias in node.names)
        elif isinstance(node, ast.Call):
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if function in IMPORT_FUNCTIONS and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                name = node.args[0].value
                level = len(name) - len(name.lstrip("."))
                # import_module(".x", "pkg") is relative to pkg; anything else to the calling module.
                anchor = node.args[1] if len(node.args) > 1 else next(
                    (k.value for k in node.keywords if k.arg == "package"), None)
                if level and isinstance(anchor, ast.Constant) and isinstance(anchor.value, str):
                    found.add(_resolve(name[level:], level, anchor.value, True))
                else:
                    found.add(_resolve(name[level:], level, module, is_package))
    return found


def layer_files(root: Path, layer: str) -> list[Path]:
    path = root / layer
    if path.suffix == ".py":
        return [path] if path.exists() else []
    return sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


def violations(root: Path) -> list[str]:
    """`file: module` for each import that crosses the layering."""
    found = []
    for layer, forbidden in LAYERS.items():
        for path in layer_files(root, layer):
            module, is_package = module_of(path, root)
            for name in sorted(imported_modules(path.read_text(encoding="utf-8"), module, is_package)):
                if name.split(".")[0] in forbidden:
                    found.append(f"{path.relative_to(root)}: {name}")
    return found


def test_lower_layers_do_not_import_upper_ones():
    assert violations(REPO) == []


def test_every_layer_has_files_to_scan():
    for layer in LAYERS:
        assert layer_files(REPO, layer), layer


@pytest.mark.parametrize("source, module, is_package, expected", [
    ("import whoosh.index", "search.engine", False, {"whoosh.index"}),
    ("from whoosh import index", "search.engine", False, {"whoosh"}),
    ("from . import engine", "search.cli", False, {"search.engine"}),
    ("from . import engine", "search", True, {"search.engine"}),
    ("from .query import Notice", "search.engine", False, {"search.query"}),
    ("from .. import app_pages", "catalogue.sub.deep", False, {"catalogue.app_pages"}),
    ("from ...app_pages import page", "catalogue.sub.deep", False, {"app_pages"}),
    ("import importlib\nimportlib.import_module('whoosh')", "catalogue.x", False, {"importlib", "whoosh"}),
    ("from importlib import import_module\nimport_module('plotly.express')", "catalogue.x", False,
     {"importlib", "plotly.express"}),
    ("__import__('streamlit')", "catalogue.x", False, {"streamlit"}),
    ("import importlib\nimportlib.import_module('.engine', 'search')", "catalogue.cli", False,
     {"importlib", "search.engine"}),
    ("import importlib\nimportlib.import_module('.qparser', package='whoosh')", "catalogue.cli", False,
     {"importlib", "whoosh.qparser"}),
    ("name = 'whoosh'\n__import__(name)", "catalogue.x", False, set()),  # not knowable without running it
])
def test_the_scanner_reads_every_form_of_import(source, module, is_package, expected):
    assert imported_modules(source, module, is_package) == expected


def test_the_scanner_fails_on_each_forbidden_form(tmp_path):
    planted = {
        "catalogue/__init__.py": "",
        "catalogue/sub/__init__.py": "",
        "catalogue/sub/deep/nested.py": "import streamlit as st\n",  # two folders down
        "catalogue/sub/relative.py": "from ... import search\n",  # `from . import x` resolved to the package
        "catalogue/dynamic.py": "import importlib\nENGINE = importlib.import_module('whoosh')\n",
        "catalogue/dunder.py": "plotly = __import__('plotly.express')\n",
        "catalogue/clean.py": "from . import sub\nfrom .sub import relative\nimport yaml\n",
        "search/__init__.py": "from .engine import SearchEngine\n",
        "search/ui/page.py": "from ...app_pages import common\n",
        "app_pages/explore.py": "from whoosh.qparser import QueryParser\n",
        "app.py": "import importlib\nimportlib.import_module('whoosh.index')\n",
    }
    for name, text in planted.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert violations(tmp_path) == [
        "catalogue/dunder.py: plotly.express",
        "catalogue/dynamic.py: whoosh",
        "catalogue/sub/deep/nested.py: streamlit",
        "catalogue/sub/relative.py: search",
        "search/ui/page.py: app_pages",
        "app_pages/explore.py: whoosh.qparser",
        "app.py: whoosh.index",
    ]


def test_no_page_renders_raw_html():
    for path in [REPO / "app.py", *layer_files(REPO, "app_pages")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in source, path.name
        assert "components.html" not in source, path.name
        if path.name == "common.py":
            # The one exception: the project's stylesheet, read from static/app.css and nothing else.
            calls = re.findall(r"st\.html\((.*)\)", source)
            assert calls == ["f\"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>\""], calls
        else:
            assert "st.html(" not in source, path.name
        iframes = re.findall(r"st\.iframe\((.*)", source)
        if path.name == "i18n.py":
            # The other exception: one line of script setting <html lang> to a validated language code
            # (Streamlit has no API for it); no entry or user text can reach it.
            assert iframes == ["f\"<script>window.parent.document.documentElement.lang = '{language}';</script>\", "
                               "height=1,"], iframes
            assert "    if language not in LANGUAGES:\n        raise ValueError(" in source
        else:
            assert not iframes, path.name


def test_app_py_stays_a_short_router():
    source = (REPO / "app.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 30
    assert "st.navigation(" in source
