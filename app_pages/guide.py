"""Sections of CONTRIBUTING.md that the About and Contribute pages quote, so the app and the guide never
state different rules. Streamlit-free, tested in tests/test_guide.py."""
from __future__ import annotations

import re
from pathlib import Path

from catalogue.i18n import N_
from catalogue.paths import REPO_DIR

CONTRIBUTING_PATH = REPO_DIR / "CONTRIBUTING.md"
#: The quoted sections, by their title in the guide (which is also their message id for translation).
GUIDE_SECTIONS = (N_("What belongs in the catalogue"), N_("Rules for every entry"),
                  N_("Correcting or retiring an entry"))
_RELATIVE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)[^)]*\)")


def read_guide(path: Path = CONTRIBUTING_PATH) -> str:
    """CONTRIBUTING.md (project text, trusted), or "" when the file is absent."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def guide_section(text: str, title: str) -> str:
    """The body of the `## title` section of a Markdown guide ("" when there is none).

    Links to repository files and anchors lead nowhere outside the guide, so they become their text.
    """
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip() == f"## {title}":
            body = []
            for following in lines[index + 1:]:
                if following.startswith(("## ", "# ")):
                    break
                body.append(following)
            return _RELATIVE_LINK.sub(r"\1", "\n".join(body).strip())
    return ""
