"""A view as one self-contained HTML file to send: every page's charts, verdicts and data provenance.

The report runs the same recorded sections the pages draw (``page_spec.Section.build`` into a ``Recording``), so
its charts and verdicts are the app's own for that view; Plotly.js is inlined once, so the file opens offline and
no request leaves it. ``python -m report '<share link or query>' -o report.html`` writes the same file
from the command line. It stands beside ``app.py``, above the pages it draws (the frame hands its ``as_bytes`` to the
Share popover), so no component imports a page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from analytics import claims
from components import charts, shell, theme
from components.i18n import t
from components.recorded import Recording

log = logging.getLogger(__name__)

STYLE = """<style>
body { font-family: "Source Sans Pro", "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 1100px;
  color: #1f2430; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d8dce3; } h3 { margin-top: 1.5rem; }
.meta, .note { color: #5b6472; font-size: 0.9rem; } .verdict { margin: 0.5rem 0 1rem; }
.verdict b { padding: 0.1rem 0.4rem; border-radius: 0.3rem; background: #eef1f5; }
table.prov { border-collapse: collapse; font-size: 0.85rem; } table.prov td, table.prov th { padding: 0.2rem 0.6rem;
  border-bottom: 1px solid #e3e6ea; text-align: left; }
</style>"""


def view_from_link(link: str, page: str = "") -> shell.View:
    """The view a share link (or its query string) opens, resolved as the app resolves it."""
    from data_sources import data_end
    from pages import declared

    shell.use_pages(declared())
    query = urlsplit(link).query if "://" in link or link.startswith("/") else link.lstrip("?")
    values, _ = shell.schema().parse(dict(parse_qsl(query)))
    return shell.view_of(values, page, data_end(values["g_source"], shell.app_series()), "light")


def _verdict(result: claims.Result, lang: str) -> str:
    from components.section_parts import verdict_label

    why = result.decided_text(lang)
    return (
        f'<p class="verdict"><b>{html.escape(verdict_label(result.verdict, lang))}</b> '
        f"{html.escape(f'({why})' if why else '')} · {html.escape(result.text(lang))}</p>"
    )


def _section(ops: list[tuple[Any, ...]], lang: str, provenance: dict[str, str]) -> tuple[str, int]:
    """A recorded section as HTML (its charts, HTML tables, notes and verdict); the number of charts drawn."""
    from data_sources.meta import meta

    out, drawn = [], 0
    for op in ops:
        kind = op[0]
        if kind == "chart":
            fig = charts.thaw(op[1])
            title = op[4]
            if title:
                out.append(f"<h3>{html.escape(str(title))}</h3>")
            out.append(fig.to_html(include_plotlyjs=False, full_html=False, config={"displaylogo": False}))
            if op[5]:  # the key to its numbered event markers
                out.append(f'<p class="note">{html.escape(op[5])}</p>')
            drawn += 1
        elif kind == "html":
            out.append(op[1])  # built by the escaping helpers (components/tables.py, tiles.py)
        elif kind in ("note", "caption", "info"):
            out.append(f'<p class="note">{html.escape(str(op[1]))}</p>')
        elif kind == "verdict":
            out.append(_verdict(op[1], lang))
        elif kind == "badge":
            for key, frame in op[1].items():
                info = meta(frame)
                provenance.setdefault(
                    info.label or key, f"{info.source or '-'} · {str(info.provenance or '')[:160]} · as of {info.as_of}"
                )
        elif kind == "no_data":
            out.append(f'<p class="note">{html.escape(t("report_no_data", lang, names=", ".join(op[1])))}</p>')
    return "\n".join(out), drawn


def build(view: shell.View, link: str = "", made: dt.datetime | None = None) -> tuple[str, int]:
    """The report's HTML for ``view`` (every page, every section), and how many charts it holds."""
    import plotly.offline

    from pages import declared
    from pages.overview import _scoreboard_rows, board_key, score_summary

    lang = view.lang
    theme.use("light", red_up=lang == "zh")  # a report is read on paper-white
    made = made or dt.datetime.now(dt.UTC)
    provenance: dict[str, str] = {}
    body, drawn = [], 0
    for page in declared():
        page_view = shell.View(**{**view.__dict__, "page": page.id})
        body.append(f"<h2>{html.escape(t(page.title_key, lang))}</h2>")
        for section in page.sections:
            if section.build is None:
                continue
            out = Recording(lang, view.asof)  # a replay's report marks its instant as the pages do
            try:
                section.build(page_view, out)
            except Exception as exc:  # one section that cannot be drawn is named, not the whole report lost
                log.warning("report section %s/%s failed: %s", page.id, section.id, exc)
                body.append(f'<p class="note">{html.escape(t("report_failed", lang, name=section.id))}</p>')
                continue
            text, n = _section(out.ops, lang, provenance)
            body.append(f"<h3>{html.escape(t(section.title_key, lang))}</h3>{text}")
            drawn += n
    _, lookback = claims.data_needs()
    board = _scoreboard_rows(board_key(view, lookback))  # the overview's board, as of the view's instant too
    from collections import Counter

    lines = [html.escape(score_summary(Counter(r.verdict for _, r, _ in board), lang).replace("**", ""))]
    lines += [f"<p><b>{html.escape(c.text(lang))}</b></p>{_verdict(r, lang)}" for c, r, _ in board]
    prov = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in sorted(provenance.items())
    )
    head = (
        f"<h1>{html.escape(t('report_title', lang, name=view.sell_off.name(lang)))}</h1>"
        f'<p class="meta">{html.escape(t("report_meta", lang, start=view.start, end=view.end, source=view.source))}'
        f" · {html.escape(t('report_made', lang, at=f'{made:%Y-%m-%d %H:%M} UTC'))}</p>"
    )
    if link:
        head += (
            f'<p class="meta"><a href="{html.escape(link, quote=True)}">{html.escape(t("report_link", lang))}</a></p>'
        )
    page_html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Sell-off Lens</title>{STYLE}'
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script></head><body>{head}'
        f"<h2>{html.escape(t('ov_scoreboard', lang))}</h2>{''.join(lines)}{''.join(body)}"
        f'<h2>{html.escape(t("report_provenance", lang))}</h2><table class="prov">{prov}</table></body></html>'
    )
    return page_html, drawn


def as_bytes(view: shell.View, link: str) -> bytes:
    """The report of ``view`` as the Share popover's download serves it."""
    return build(view, link)[0].encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description="A view as one HTML file.")
    parser.add_argument("link", help="a share link, or its query string (e.g. 'episode=thesis-2025&lang=zh')")
    parser.add_argument("-o", "--out", default="report.html")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.exists() and out.is_dir():
        parser.exit(2, f"{parser.prog}: {out} is a folder\n")
    text, drawn = build(view_from_link(args.link), args.link if "://" in args.link else "")
    out.write_text(text, encoding="utf-8")
    sys.stdout.write(f"{out}: {len(text.encode()) / 1e6:.1f} MB, {drawn} charts\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
