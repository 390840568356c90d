"""The Streamlit layer: the only package (with streamlit_app.py) that imports streamlit."""
