"""One scripted fetcher for every test that needs a source to answer or to fail (never the network)."""

from __future__ import annotations

from data_sources.fetcher import Fetcher
from data_sources.yahoo import transform_download


class Scripted(Fetcher):
    """A Yahoo-shaped fetcher that returns a recorded ``yf.download`` frame, or raises the exception it was given."""

    def __init__(self, result: object, source: str = "yahoo"):
        self.result = result
        self.source = source
        self.calls = 0

    def transform_query(self, queries):
        return queries

    def extract_data(self, params):
        self.calls += 1
        if isinstance(self.result, Exception):
            raise self.result
        return self.result

    def transform_data(self, raw, queries):
        return transform_download(raw, queries)


def recorded_yahoo() -> Scripted:
    """Yahoo answering from the recorded daily download (NVDA and the Nikkei)."""
    from tests import recorded

    return Scripted(recorded.yf_download_daily())
