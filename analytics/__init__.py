"""Pure computations on tidy frames: no Streamlit, no I/O beyond reading the repo's own data files."""
