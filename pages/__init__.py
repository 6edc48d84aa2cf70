"""The app's pages, each declared once (``PAGE``: its URL parameters and sections) with a ``render(view)``.

The frame (``app.py``) imports them, hands their declarations to the shell (URL schema, section bar, recorded
sections) and routes with ``st.navigation`` to each page's ``render``, given the view as an argument. The page files
stay runnable as scripts for one reason: on a server where no session has yet run ``app.py``, Streamlit runs
``pages/<name>.py`` itself for ``/<name>`` (streamlit#9624, it maps a ``pages/`` folder by file name before any
``st.navigation``); ``shell.page_entry`` then runs the frame, which routes like any other visit. That is also why
``pages/global-tech.py`` exists (the file name Streamlit maps ``/global-tech`` to).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from components.page_spec import Page


def declared() -> tuple[Page, ...]:
    """Every page's declaration, the overview first (imported here, not at package import: a page file run as a
    script imports only its own module)."""
    from pages import crypto, global_tech, macro, overview

    return (overview.PAGE, crypto.PAGE, global_tech.PAGE, macro.PAGE)


def renders() -> dict[str, Callable[[Any], None]]:
    """Each page's ``render(view)`` by page id, in the order of ``declared``."""
    from pages import crypto, global_tech, macro, overview

    return {
        overview.PAGE.id: overview.render,
        crypto.PAGE.id: crypto.render,
        global_tech.PAGE.id: global_tech.render,
        macro.PAGE.id: macro.render,
    }
