"""Small static tables (the break order, the scoreboard, each section's figures) as one HTML block each.

A data grid cost ~20-60 ms of browser work on every range change and truncated long text; a Markdown table
still went through the Markdown parser on each change (~15 ms for the scoreboard). An HTML table of escaped
cells is one element, shows every word, and costs next to nothing to redraw. Cells arrive as plain text
and are escaped here; only ``Cell`` values built by this module's helpers carry markup.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import urlsplit

import pandas as pd


class Cell(str):
    """Markup made here from escaped parts, passed through ``html_table`` as is."""


# One vocabulary of tones for every coloured badge (a verdict pill here, a tile's move in ``tiles``).
# Verdicts: supported (good), mixed (amber), not supported (bad), contradicted (bad, outlined), not testable (none).
# Page HTML follows the theme without a rerun: text inherits the page's colour, rules and tones are mid-tones
# that read on the light and the dark background alike.
TONE_COLOR = {"good": "#1A9E88", "mixed": "#C98A00", "bad": "#E5484D", "contra": "#E5484D", "none": "#8A94A3"}
RULE = "rgba(128,128,128,0.35)"
LINK = "#2F7FEA"
TONE_CSS = "\n".join(f".sl-{tone} {{ color: {c}; background: {c}26; }}" for tone, c in TONE_COLOR.items())


STYLE = f"""<style>
.sl-table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem; color: inherit; }}
.sl-table th {{ text-align: left; font-weight: 600; border-bottom: 2px solid {RULE}; padding: 0.4rem 0.6rem;
  white-space: nowrap; }}
.sl-table td {{ border-bottom: 1px solid {RULE}; padding: 0.4rem 0.6rem; vertical-align: top; }}
.sl-table.sl-compact {{ width: auto; min-width: 40%; }}
.sl-table .sl-num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.sl-table a {{ color: {LINK}; white-space: nowrap; }}
.sl-pill {{ display: inline-block; padding: 0 0.5rem; border-radius: 1rem; white-space: nowrap; font-weight: 600; }}
{TONE_CSS}
.sl-contra {{ outline: 1.5px solid {TONE_COLOR["contra"]}; }}
.sl-decided {{ font-size: 0.8rem; opacity: 0.8; }}
.sl-scroll {{ overflow-x: auto; max-width: 100%; }}
@media (max-width: 640px) {{
  .sl-table td {{ min-width: 7rem; }}
  .sl-table.sl-cards {{ width: 100%; }}
  .sl-cards thead {{ display: none; }}
  .sl-cards td.sl-num {{ text-align: left; }}
  .sl-cards tr {{ display: block; border-bottom: 2px solid {RULE}; padding: 0.4rem 0; }}
  .sl-cards td {{ display: block; border: none; min-width: 0; padding: 0.15rem 0.2rem; }}
  .sl-cards td::before {{ content: attr(data-label); display: block; font-size: 0.72rem; opacity: 0.7; }}
  .sl-cards td:empty {{ display: none; }}
}}
</style>"""


# Click a header to sort by that column (again to reverse): numbers by value (signs, %, bp, commas and a leading
# "≥" read), the rest as text. Our own script, no input in it; every cell it moves was escaped here. Idempotent:
# each table is wired once however many tables on the page carry the script.
SORT_MARK = "sl-sortable"
SORT_SCRIPT = r"""<script>(function () {
  document.querySelectorAll('table.sl-sortable:not([data-sl-sort])').forEach(function (t) {
    t.setAttribute('data-sl-sort', '1');
    t.querySelectorAll('th').forEach(function (th, i) {
      th.style.cursor = 'pointer'; th.setAttribute('role', 'button'); th.tabIndex = 0;
      var sort = function () {
        var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var up = th.getAttribute('aria-sort') !== 'ascending';
        t.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
        var key = function (r) {
          var s = ((r.cells[i] || {}).innerText || '').trim();
          var n = parseFloat(s.replace(/−/g, '-').replace(/^[≥>=\s]+/, '').replace(/[,+%\s]|bp/g, ''));
          return isNaN(n) ? s.toLowerCase() : n;
        };
        rows.sort(function (x, y) {
          var a = key(x), b = key(y);
          if (typeof a !== typeof b) { return typeof a === 'number' ? -1 : 1; }
          return (a < b ? -1 : a > b ? 1 : 0) * (up ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  });
})();</script>"""


def tone_class(tone: str) -> str:
    """The CSS class of a tone (an unknown one reads as none)."""
    return f"sl-{tone if tone in TONE_COLOR else 'none'}"


def pill(text: str, tone: str) -> Cell:
    """A coloured label (a verdict, say); ``tone`` is good, bad or none."""
    return Cell(f'<span class="sl-pill {tone_class(tone)}">{escape(text)}</span>')


def link(text: str, href: str) -> Cell:
    """A link inside the app (a relative path and query only: anything else is shown as plain text)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href.startswith("/"):
        return Cell(escape(text))
    return Cell(f'<a href="{escape(href)}">{escape(text)}</a>')


def _cell(value: object, numeric: bool, label: str = "") -> str:
    body = value if isinstance(value, Cell) else escape(str(value))
    named = f' data-label="{escape(label)}"' if label else ""
    return f'<td class="sl-num"{named}>{body}</td>' if numeric else f"<td{named}>{body}</td>"


CARDS_FROM = 5  # columns from which a table is shown as cards on a phone


def html_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: Sequence[int] = (),
    compact: bool = False,
    sortable: bool = False,
    cards: bool | None = None,
) -> str:
    """The table with its style; ``numeric`` names the columns (by position) to right-align; a ``compact``
    table is as wide as its content (figures), not the page (sentences); a ``sortable`` one sorts by the column
    whose header is clicked (``SORT_SCRIPT``: its block is drawn with JavaScript allowed, see ``scripted``); on a
    phone, a ``cards`` table shows each row as a card, each cell under its column's name (a wide table of sentences
    scrolled sideways there, its last columns out of sight); by default every table of ``CARDS_FROM`` or more
    columns does (the clock's, the study's: a phone showed three of their nine columns)."""
    cards = len(columns) >= CARDS_FROM if cards is None else cards
    head = "".join(
        f'<th class="sl-num">{escape(c)}</th>' if i in numeric else f"<th>{escape(c)}</th>"
        for i, c in enumerate(columns)
    )
    labels = [c if cards else "" for c in columns]
    body = "".join(
        "<tr>"
        + "".join(_cell(v, i in numeric, labels[i] if i < len(labels) else "") for i, v in enumerate(r))
        + "</tr>"
        for r in rows
    )
    kind = ("sl-table sl-compact" if compact else "sl-table") + (f" {SORT_MARK}" if sortable else "")
    kind += " sl-cards" if cards else ""
    # wrapped so a wide table scrolls inside its box on a phone instead of running off the screen
    return (
        f'{STYLE}<div class="sl-scroll"><table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        f"</table></div>" + (SORT_SCRIPT if sortable else "")
    )


def scripted(html: str) -> bool:
    """Whether a block needs its script run (a sortable table): the one reason ``st.html`` runs JavaScript here."""
    return SORT_SCRIPT in html


_SIGNED_ZERO = re.compile(r"[+\-\u2212]0(?:\.0+)?(?:\s?[^\d\s]*)?")


def frame_table(
    frame: pd.DataFrame,
    formats: Mapping[str, str] | str = "{}",
    na_rep: str = "n/a",
    headers: Mapping[str, str] | None = None,
) -> str:
    """A small DataFrame as a static table: its index as the first column, numbers right-aligned.

    ``formats`` is one format string for every numeric column, or one per column (the rest shown as they are);
    a missing value shows as ``na_rep``. ``headers`` renames columns for display only (the reader's language),
    so the frame, its formats and its CSV keep their own column names.
    """

    def fmt(col: str, value: object) -> str:
        if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
            return na_rep
        spec = formats if isinstance(formats, str) else formats.get(col, "{}")
        if not isinstance(value, numbers.Number):
            return str(value)
        text = spec.format(value)
        return text[1:] if _SIGNED_ZERO.fullmatch(text) else text  # -0.3 bp shown as "0", never "-0"

    numeric = [
        i + 1
        for i, c in enumerate(frame.columns)
        if pd.api.types.is_numeric_dtype(frame[c]) or all(isinstance(v, numbers.Number) or v is None for v in frame[c])
    ]
    rows = [
        [str(idx), *(fmt(str(c), v) for c, v in zip(frame.columns, row, strict=True))]
        for idx, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True)
    ]
    names = [(headers or {}).get(str(c), str(c)) for c in frame.columns]
    return html_table([str(frame.index.name or ""), *names], rows, numeric=numeric, compact=True)
