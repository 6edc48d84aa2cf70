"""Every sentence the claim rules show, in English and Chinese, worded from one set of facts.

A rule returns a code and its facts (numbers already formatted once, names); the catalogue words them in both
languages, so a figure can never differ between the English and the Chinese reading. A fact that is itself a
word (a market's name) is a ``Bi(en, zh)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from analytics.lang import section


class Bi(NamedTuple):
    """A fact with a name in each language."""

    en: str
    zh: str


# The tables, by section of the text catalogue (``data/texts.toml``): what decided a verdict (``core.judge``),
# the parts of claims, why a claim could not be tested (``NotTestable`` and ``core.na``), the rules' readings
# (``<code>.figure`` / ``<code>.detail``, and nested phrases) and single words.
PARTS: dict[str, tuple[str, str]] = section("part")
DECIDED: dict[str, tuple[str, str]] = section("decided")
NOT_TESTABLE: dict[str, tuple[str, str]] = section("not_testable")
READINGS: dict[str, tuple[str, str]] = section("reading")
WORDS: dict[str, tuple[str, str]] = section("word")


def _pick(value: object, lang: str) -> object:
    return (value.zh if lang == "zh" else value.en) if isinstance(value, Bi) else value


def say(table: Mapping[str, tuple[str, str]], code: str, lang: str, facts: Mapping[str, object]) -> str:
    """One entry of ``table`` in ``lang``, filled with the facts (a ``Bi`` fact in that language)."""
    en, zh = table[code]
    return (zh if lang == "zh" else en).format(**{k: _pick(v, lang) for k, v in facts.items()})


def both(table: Mapping[str, tuple[str, str]], code: str, facts: Mapping[str, object]) -> Bi:
    """The entry in both languages from the same facts."""
    return Bi(say(table, code, "en", facts), say(table, code, "zh", facts))


def reading(code: str, **facts: object) -> Bi:
    """A nested phrase of a reading (e.g. "the lowest close since ..."), in both languages."""
    return both(READINGS, code, facts)


def joined(items: list[Bi], sep: Bi = Bi("; ", "；")) -> Bi:
    """Phrases joined in each language with that language's separator."""
    return Bi(sep.en.join(i.en for i in items), sep.zh.join(i.zh for i in items))


def word(code: str) -> Bi:
    return Bi(*WORDS[code])
