"""Page files, run by ``app.py``'s ``st.navigation``. Each defines ``render()`` and ends with
``shell.page_entry(render)``: on a server where no session has yet run ``app.py``, Streamlit runs
``pages/<name>.py`` itself for ``/<name>`` (streamlit#9624), and ``page_entry`` then runs the frame
first so a shared deep link still gets the global controls and URL state.
"""
