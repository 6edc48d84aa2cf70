"""Static HTML tables built from outside text: every cell inert, links only inside the app."""

from __future__ import annotations

from components.tables import html_table, link, pill


def test_cells_and_headers_are_escaped():
    html = html_table(["<b>market</b>"], [["<img src=x onerror=alert(1)>"], ["A & B"]])
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "A &amp; B" in html
    assert html.count("<tr>") == 3  # the header and one row each


def test_links_stay_inside_the_app():
    assert link("open", "/crypto?range=1m&section=btc-90k") == (
        '<a href="/crypto?range=1m&amp;section=btc-90k">open</a>')
    for outside in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)", "crypto"):
        assert "<a" not in link("open", outside), outside


def test_pills_escape_their_text_and_numeric_columns_align_right():
    html = html_table(["verdict", "return"], [[pill("<Supported>", "good"), "+1.0%"]], numeric=(1,))
    assert '<span class="sl-pill sl-good">&lt;Supported&gt;</span>' in html
    assert '<td class="sl-num">+1.0%</td>' in html
