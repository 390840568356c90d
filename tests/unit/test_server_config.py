"""The Streamlit server settings that security depends on, as shipped in .streamlit/config.toml."""

import tomllib

from research.config import ROOT
from research.domain.upload_limits import MAX_UPLOAD_MB

SERVER = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]


def test_xsrf_protection_is_on_and_cors_is_not_turned_off():
    assert SERVER["enableXsrfProtection"] is True
    # With CORS off, Streamlit accepts websocket connections from any origin, XSRF or not.
    assert SERVER.get("enableCORS", True) is True


def test_the_browser_upload_limit_is_the_services_limit():
    assert SERVER["maxUploadSize"] == MAX_UPLOAD_MB
