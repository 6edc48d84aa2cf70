"""The Transform-Extract-Transform shape of every live adapter (after OpenBB's provider ``Fetcher``).

``transform_query`` turns our query into the API's own terms, ``extract_data`` is the only step that
touches the network, and ``transform_data`` is a pure function from the raw, API-shaped payload to
tidy frames: the step tests feed with recorded payloads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd


@dataclass(frozen=True)
class Query:
    """One series over ``[start, end)`` in UTC, at ``interval`` ("1d" or "1h")."""

    key: str
    symbol: str
    start: pd.Timestamp
    end: pd.Timestamp
    interval: str = "1d"
    tz: str = "UTC"


class Fetcher(ABC):
    """A live source. ``fetch`` returns, per key, a tidy frame or the exception that explains its absence."""

    source: ClassVar[str]
    # Capabilities, declared here rather than tested with ``if`` in the service.
    intervals: ClassVar[tuple[str, ...]] = ("1d", "1h")

    @abstractmethod
    def transform_query(self, queries: list[Query]) -> Any: ...

    @abstractmethod
    def extract_data(self, params: Any) -> Any: ...

    @abstractmethod
    def transform_data(self, raw: Any, queries: list[Query]) -> dict[str, pd.DataFrame | Exception]: ...

    def fetch(self, queries: list[Query]) -> dict[str, pd.DataFrame | Exception]:
        params = self.transform_query(queries)
        raw = self.extract_data(params)
        return self.transform_data(raw, queries)
