"""The pages' strings: the ``ui`` section of the one text catalogue (``data/texts.toml``, ``analytics.lang``)."""

from __future__ import annotations

from analytics.lang import catalogue, text

STRINGS: dict[str, dict[str, str]] = catalogue()["ui"]


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string for ``key`` in ``lang`` (``analytics.lang.text`` on the ``ui`` section; an unknown key raises)."""
    return text("ui", key, lang, **fmt)
