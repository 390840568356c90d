"""Text for Streamlit's Markdown: dollar signs escaped, so "$80k to $18M" never turns into maths."""


def md(text: str) -> str:
    return text.replace("$", "\\$")
