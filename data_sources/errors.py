"""One small error hierarchy, so pages can catch ``DataSourceError`` and show a sentence, not a traceback."""

from __future__ import annotations

import difflib


class DataSourceError(Exception):
    """Base of everything the data layer raises on purpose."""


class UnknownSeriesError(DataSourceError, KeyError):
    """A key that is not in the catalog."""

    def __init__(self, key: object, known: list[str]) -> None:
        self.key = key
        shown = str(key)[:40]
        close = difflib.get_close_matches(shown, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"Unknown series '{shown}'.{hint}")

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0])


class InvalidRangeError(DataSourceError, ValueError):
    """A reversed or unusable date range."""


class NoDataError(DataSourceError):
    """The source answered, but holds nothing for this series in this range.

    ``code`` and ``params`` name the case, so a page can say it in the reader's language; the message is
    the English sentence.
    """

    def __init__(self, message: str, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


class SourceUnavailableError(DataSourceError):
    """The source could not be reached or refused (offline, rate-limited, geo-blocked, HTTP error)."""


class SnapshotCorruptError(NoDataError):
    """The embedded snapshot is damaged (bad manifest, failed checksum): said as such, never as "no data"."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message, "snapshot_corrupt", **params)
