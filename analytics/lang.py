"""Bilingual text: the one catalogue of what the app says (``data/texts.toml``) and the rule for the data files'
own bilingual columns.

Every string a reader sees lives in the catalogue under ``section.key`` with its English and its Chinese, the
same placeholders in both (``tests/test_overview_i18n.py`` holds that, and that every key is read). The pages'
strings are its ``ui`` section (``components.i18n.t``); the claims' verdict lines its ``part``, ``decided``,
``not_testable``, ``reading`` and ``word`` sections (``analytics.claims.wording``); a rule's statement
``rule.<id>``; a link's refusals ``notice``, ``param`` and ``bad`` (``components.url_state``).
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

TEXTS_FILE = Path(__file__).resolve().parent.parent / "data" / "texts.toml"
LANGS = ("en", "zh")


def in_lang(lang: str, en: str, zh: str) -> str:
    """The Chinese text when asked for and written, else the English (a data file's two columns)."""
    return zh if lang == "zh" and zh else en


@functools.cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """The catalogue as {section: {key: {"en": ..., "zh": ...}}}, read once."""
    with TEXTS_FILE.open("rb") as fh:
        return tomllib.load(fh)


@functools.cache
def section(name: str) -> dict[str, tuple[str, str]]:
    """One section as {key: (en, zh)}."""
    return {key: (entry["en"], entry["zh"]) for key, entry in catalogue()[name].items()}


def text(name: str, key: str, lang: str = "en", /, **facts: object) -> str:
    """``name.key`` in ``lang`` (English when Chinese is not asked for), filled with ``facts`` (any names: the
    section, key and language are positional only)."""
    en, zh = section(name)[key]
    template = zh if lang == "zh" else en
    return template.format(**facts) if facts else template


def pair(name: str, key: str, /, **facts: object) -> tuple[str, str]:
    """``name.key`` in both languages from the same facts."""
    return text(name, key, "en", **facts), text(name, key, "zh", **facts)
