"""What a served series says about itself, typed: label, source, as-of, why it fell back, its provenance and
whether it stands in for another series (the data layer's result envelope, after OpenBB's ``OBBject``).

The data layer stamps these fields on each frame it returns (``frame.attrs``, which pandas keeps through
copies and pickling); everything above ``data_sources`` reads them only through ``meta(frame)``, never by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class StandInFailure:
    """Why a series' stand-in (e.g. QQQ for the Nasdaq-100) could not take its place either."""

    label: str = ""
    error: str = ""
    error_code: str = ""
    error_params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SeriesMeta:
    """One series as served. ``proxy_for`` names the series a stand-in is shown in place of (``served_key`` is
    the stand-in's own catalog key); an empty frame's ``error`` says why nothing was served."""

    key: str = ""
    label: str = ""
    source: str = ""
    as_of: str = ""
    fallback: str = ""  # why live was not used, when a page fell back
    fallback_kind: str = ""  # live_off | unreachable | slow
    error: str = ""
    error_code: str = ""
    error_params: Mapping[str, Any] = field(default_factory=dict)
    provenance: tuple[Mapping[str, Any], ...] = ()
    proxy_for: str = ""
    served_key: str = ""
    stand_in: StandInFailure | None = None

    @property
    def is_stand_in(self) -> bool:
        return bool(self.proxy_for)

    @property
    def catalog_key(self) -> str:
        """The catalog entry whose data these are (the stand-in's own, when one stands in)."""
        return self.served_key or self.key

    def name(self, default: str = "?") -> str:
        return self.label or self.key or default


_FIELDS = {f.name for f in fields(SeriesMeta)}


def meta(frame: pd.DataFrame) -> SeriesMeta:
    """The typed metadata of a frame served by ``data_sources`` (empty fields where it carries none)."""
    attrs = frame.attrs
    known = {k: v for k, v in attrs.items() if k in _FIELDS and v is not None}
    known["provenance"] = tuple(known.get("provenance") or ())
    known["error_params"] = dict(known.get("error_params") or {})
    for name in ("key", "label", "source", "as_of", "fallback", "fallback_kind", "error", "error_code"):
        if name in known:
            known[name] = str(known[name])
    stand_in = attrs.get("stand_in")
    known["stand_in"] = (
        StandInFailure(
            str(stand_in.get("label") or ""),
            str(stand_in.get("error") or ""),
            str(stand_in.get("error_code") or ""),
            dict(stand_in.get("error_params") or {}),
        )
        if stand_in
        else None
    )
    return SeriesMeta(**known)


def label(frames: Mapping[str, pd.DataFrame], key: str, default: str) -> str:
    """A series' label as served (a stand-in says so), or ``default`` when it is not in ``frames``."""
    frame = frames.get(key)
    return (meta(frame).label or default) if frame is not None else default


def with_meta_of(frame: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    """``frame`` carrying ``source``'s metadata (a slimmed copy of a served frame stays the same series)."""
    frame.attrs = dict(source.attrs)
    return frame


def relabelled(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """A copy of ``frame`` under another label (a stand-in's label in the reader's language)."""
    out = frame.copy()
    out.attrs = {**frame.attrs, "label": label}
    return out
