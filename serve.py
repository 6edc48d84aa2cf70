"""The server: Streamlit's own (``streamlit run serve.py``), with the app's page paths answered by an index page
that names the server's base URL.

Opened at a page path such as ``/crypto``, Streamlit's frontend does not know where its server lives, so it probes
``/crypto/_stcore/health`` (a 404) before ``/_stcore/health``: a failed request on every deep link, and twice over
with ``host-config``. Told the base URL up front (``window.__streamlit.BACKEND_BASE_URL``) it asks the right one
first. ``streamlit run app.py`` still works; it just makes those two probes.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from components import heap
from pages import declared

PAGE_PATHS = ("/", "/overview", "/crypto", "/global-tech", "/macro")
STATIC = Path(st.__file__).parent / "static" / "index.html"
BASE_URL = """<script>window.__streamlit = Object.assign(window.__streamlit || {},
  {BACKEND_BASE_URL: window.location.origin + "/"});</script>"""


@functools.cache
def index_html() -> str:
    """Streamlit's own index page with the base URL set before its bundle runs."""
    html = STATIC.read_text(encoding="utf-8")
    return html.replace("<head>", "<head>" + BASE_URL, 1)


async def index(_request: Request) -> HTMLResponse:
    return HTMLResponse(index_html(), headers={"Cache-Control": "no-cache"})


declared()  # import every page now, then freeze: a burst of first visits then walks no import-time heap
heap.freeze_imports()
app = st.App("app.py", routes=[Route(path, index) for path in PAGE_PATHS])
