"""Plotly figures built from DataFrames; no Streamlit here."""
