"""Page modules. Each exposes ``render()``; ``app.py`` routes to them with ``st.navigation``.

On a server that no session has yet run ``app.py`` on, Streamlit serves ``/crypto`` by executing
``pages/crypto.py`` directly (streamlit#9624). Each page file therefore ends with a ``__main__`` guard
that hands the run to ``app.main()``, so a shared deep link still gets the frame's controls and URL state.
"""
