"""The pages' strings: the ``ui`` section of the one text catalogue (``data/texts.toml``, ``analytics.lang``)."""

from __future__ import annotations

from analytics.lang import catalogue

STRINGS: dict[str, dict[str, str]] = catalogue()["ui"]


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for ``key`` in ``lang`` (English when a translation is missing)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
