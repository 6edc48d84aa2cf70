"""Constants several layers share (the URL rules and the claim rules), kept apart so neither imports the other."""

from __future__ import annotations

import datetime as dt

THESIS_DATE = dt.date(2025, 11, 21)  # the sell-off the thesis explains (the app's default event date)
EARLIEST = dt.date(1990, 1, 1)  # the earliest date a link, a picker or a command line may ask for
MAX_SPAN_DAYS = 366 * 20  # the longest range they may ask for
