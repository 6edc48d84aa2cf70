"""The one rule for bilingual texts in the data files and the computed readings."""

from __future__ import annotations


def in_lang(lang: str, en: str, zh: str) -> str:
    """The Chinese text when asked for and written, else the English."""
    return zh if lang == "zh" and zh else en
