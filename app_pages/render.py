"""Turning untrusted entry text into inert Markdown.

Entry files come from contributors, so their text is data, never markup: every Markdown, HTML, LaTeX
and Streamlit directive character is escaped, and only http(s) URLs ever become links. No Streamlit
here, so each rule is unit-tested on plain strings.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Bidirectional controls reorder what is shown ("evil" displayed as "live"): dropped from shown text.
from catalogue.problems import BIDI_CONTROLS

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them is
# simpler to trust than a list of the currently dangerous ones. `:` is included because Streamlit
# reads `:red[...]`, `:material/...:` and emoji shortcodes, and `$` because it reads LaTeX.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SNIPPET_MARK = re.compile(r"«([^«»]*)»")
_SAFE_URL_CHARS = ":/?#@!$&'*+,;=%~-._"
# GitHub-flavoured Markdown turns bare `http://`, `www.` and e-mail addresses into links *after*
# escapes are resolved, so escaping cannot stop it; an invisible word joiner inside the pattern does.
_WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?i)(https?:)(//)|\b(www)(\.)|(@)(?=[-\w])")


def escape_markdown(text: str) -> str:
    """Plain text that renders as itself in st.markdown: no links, images, HTML, emphasis or maths."""
    text = BIDI_CONTROLS.sub("", str(text).replace("\r", " ").replace("\n", " "))
    text = _AUTOLINK_STARTS.sub(lambda m: _WORD_JOINER.join(part for part in m.groups() if part) + (
        _WORD_JOINER if m.group(5) else ""), text)
    return _PUNCTUATION.sub(r"\\\1", text)


def highlight(snippet: str) -> str:
    """A search snippet with «matched» words in bold, everything else escaped."""
    parts = []
    last = 0
    for match in _SNIPPET_MARK.finditer(snippet):
        parts.append(escape_markdown(snippet[last:match.start()]))
        if match.group(1).strip():
            parts.append(f"**{escape_markdown(match.group(1))}**")
        last = match.end()
    parts.append(escape_markdown(snippet[last:].replace("«", "").replace("»", "")))
    return "".join(parts)


def safe_url(url: str) -> str | None:
    """The URL, percent-encoded for use inside Markdown, if it is http(s) with a host; else None."""
    url = str(url).strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Parentheses, brackets and angle brackets would end a Markdown link early; encode them.
    return quote(url, safe=_SAFE_URL_CHARS)


def markdown_link(label: str, url: str) -> str:
    """`[label](url)` for an http(s) URL; otherwise the label (and the URL) as inert text."""
    target = safe_url(url)
    if target is None:
        return escape_markdown(f"{label} ({url})" if url else label)
    return f"[{escape_markdown(label)}]({target})"
