"""The app's pages, each declared once (``PAGE``: its URL parameters and sections) with a ``render()``.

The frame (``app.py``) imports them, hands their declarations to the shell (URL schema, section bar, recorded
sections) and routes to the page files with ``st.navigation``. Run as a script, a page file draws the imported
module's ``render`` through ``shell.page_entry``: on a server where no session has yet run ``app.py``,
Streamlit runs ``pages/<name>.py`` itself for ``/<name>`` (streamlit#9624), and ``page_entry`` then runs the frame
first so a shared deep link still gets the global controls and URL state.
"""

from __future__ import annotations

from components.page_spec import Page


def declared() -> tuple[Page, ...]:
    """Every page's declaration, the overview first (imported here, not at package import: a page file run as a
    script imports only its own module)."""
    from pages import crypto, global_tech, macro, overview

    return (overview.PAGE, crypto.PAGE, global_tech.PAGE, macro.PAGE)
