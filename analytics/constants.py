"""Constants several layers share (the URL rules and the claim rules), kept apart so neither imports the other."""

from __future__ import annotations

import datetime as dt

THESIS_DATE = dt.date(2025, 11, 21)  # the sell-off the thesis explains (the app's default event date)
