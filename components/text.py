"""Making outside text (URL values, data-source messages, series names) inert in Streamlit Markdown."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object, limit: int = 300) -> str:
    """Backslash-escape every Markdown/LaTeX/HTML-significant character; collapse whitespace; cap length."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[:limit] + "…"
    return _MD_SPECIAL.sub(r"\\\1", flat)
