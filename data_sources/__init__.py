"""Sell-off Lens data layer: catalog -> adapter -> cache -> tidy DataFrame. No Streamlit in here."""

from data_sources.catalog import CATALOG, Series
from data_sources.errors import (
    DataSourceError,
    InvalidRangeError,
    NoDataError,
    SourceUnavailableError,
    UnknownSeriesError,
)
from data_sources.service import SOURCES, data_end, generation, get_many, get_series, network_budget

__all__ = [
    "CATALOG",
    "SOURCES",
    "DataSourceError",
    "InvalidRangeError",
    "NoDataError",
    "Series",
    "SourceUnavailableError",
    "UnknownSeriesError",
    "data_end",
    "generation",
    "get_many",
    "network_budget",
    "get_series",
]
