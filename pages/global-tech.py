"""Deep-link shim: on a fresh server Streamlit maps ``/global-tech`` to a file of that name
(streamlit#9624) before ``app.py`` has registered its pages; hand the run to the frame, which then
routes to ``pages/global_tech.py`` like any other visit."""

from components import shell

shell.page_entry()
