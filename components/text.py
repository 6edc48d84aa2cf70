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


CURRENCY = {"USD": "$", "JPY": "¥", "KRW": "₩", "HKD": "HK$", "TWD": "NT$", "EUR": "€"}
NO_CENTS = {"JPY", "KRW"}  # quoted in whole units


def fmt_level(value: float, unit: str) -> str:
    """A price or level with its currency, as a reader of that market would write it."""
    if unit == "%":
        return f"{value:.2f}%"
    digits = 0 if unit in NO_CENTS else 2
    number = f"{value:,.{digits}f}"
    return f"{CURRENCY[unit]}{number}" if unit in CURRENCY else number
