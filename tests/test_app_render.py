"""Untrusted entry text must render inert."""
import pytest

from app_pages.render import escape_markdown, highlight, markdown_link, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    "**bold** _em_ `code` # heading",
    ":material/home: :red[alarm] $x^2$",
    "<img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_markup_character_is_escaped(text):
    escaped = escape_markdown(text)
    # Every punctuation character is preceded by a backslash, so no Markdown construct can start.
    for index, char in enumerate(escaped):
        if not char.isalnum() and not char.isspace() and char not in "\\\u2060":  # word joiner: see render
            assert escaped[index - 1] == "\\", (text, escaped, index)


def test_newlines_cannot_start_a_block():
    assert "\n" not in escape_markdown("line\n# heading\n- item")


def test_highlight_bolds_only_marked_words():
    assert highlight("a «fishing» [x](y)") == "a **fishing** \\[x\\]\\(y\\)"
    assert highlight("stray « mark") == "stray  mark"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example", "//evil.example",
                                 "https://", "http://exa mple.com", "vbscript:x", "JaVaScRiPt:alert(1)"])
def test_only_http_urls_are_links(url):
    assert safe_url(url) is None
    assert "](" not in markdown_link("label", url)


def test_http_urls_are_encoded_for_markdown():
    assert safe_url("https://example.org/a_(b)") == "https://example.org/a_%28b%29"
    assert markdown_link("Site [1]", "http://example.org/") == "[Site \\[1\\]](http://example.org/)"
