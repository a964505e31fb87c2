"""The layering the team agreed on: catalogue/ knows nothing of the UI or the index; pages hold no HTML."""
import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package, forbidden", [
    ("catalogue", {"streamlit", "whoosh", "search", "app_pages", "plotly"}),
    ("search", {"streamlit", "app_pages", "plotly"}),
])
def test_lower_layers_do_not_import_upper_ones(package, forbidden):
    for path in sorted((REPO / package).glob("*.py")):
        assert not imported_packages(path) & forbidden, f"{path.name} imports {imported_packages(path) & forbidden}"


def test_no_page_renders_raw_html():
    for path in [REPO / "app.py", *sorted((REPO / "app_pages").glob("*.py"))]:
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
            assert "assert language in LANGUAGES" in source
        else:
            assert not iframes, path.name


def test_app_py_stays_a_short_router():
    source = (REPO / "app.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 30
    assert "st.navigation(" in source
