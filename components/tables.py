"""Small static tables (the break order, the scoreboard) as one HTML block each.

A data grid cost ~20-60 ms of browser work on every range change and truncated long text; a Markdown table
still went through the Markdown parser on each change (~15 ms for the scoreboard). An HTML table of escaped
cells is one element, shows every word, and costs next to nothing to redraw. Cells arrive as plain text
and are escaped here; only ``Cell`` values built by this module's helpers carry markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import urlsplit

from components.charts import BORDER, DOWN, MUTED, PALETTE, TEXT, UP


class Cell(str):
    """Markup made here from escaped parts, passed through ``html_table`` as is."""


STYLE = f"""<style>
.sl-table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem; color: {TEXT}; }}
.sl-table th {{ text-align: left; font-weight: 600; border-bottom: 2px solid {BORDER}; padding: 0.4rem 0.6rem; }}
.sl-table td {{ border-bottom: 1px solid {BORDER}; padding: 0.4rem 0.6rem; vertical-align: top; }}
.sl-table td.sl-num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.sl-table a {{ color: {PALETTE[0]}; }}
.sl-pill {{ display: inline-block; padding: 0 0.5rem; border-radius: 1rem; white-space: nowrap; font-weight: 600; }}
.sl-good {{ color: {UP}; background: {UP}26; }}
.sl-bad {{ color: {DOWN}; background: {DOWN}26; }}
.sl-none {{ color: {MUTED}; background: {MUTED}26; }}
</style>"""

PILL_CLASS = {"good": "sl-good", "bad": "sl-bad", "none": "sl-none"}


def pill(text: str, tone: str) -> Cell:
    """A coloured label (a verdict, say); ``tone`` is good, bad or none."""
    return Cell(f'<span class="sl-pill {PILL_CLASS.get(tone, "sl-none")}">{escape(text)}</span>')


def link(text: str, href: str) -> Cell:
    """A link inside the app (a relative path and query only: anything else is shown as plain text)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href.startswith("/"):
        return Cell(escape(text))
    return Cell(f'<a href="{escape(href)}">{escape(text)}</a>')


def _cell(value: object, numeric: bool) -> str:
    body = value if isinstance(value, Cell) else escape(str(value))
    return f'<td class="sl-num">{body}</td>' if numeric else f"<td>{body}</td>"


def html_table(columns: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    """The table with its style; ``numeric`` names the columns (by position) to right-align."""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return f'{STYLE}<table class="sl-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
