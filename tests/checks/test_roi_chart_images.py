"""Charts for the council report are drawn by Chromium (kaleido), offline: a browser test, not a unit test."""

import io
from datetime import datetime
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
from docx import Document

from research.export import chart_images
from research.export.roi_report import ReportSection, build_roi_report

TABLE = pd.DataFrame({"year": ["2022/23"], "won": [Decimal("18000000.00")], "multiple": [Decimal("225.0")]})


def test_charts_render_offline_in_chromium():
    rendered = chart_images.render_pngs([go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))])
    assert rendered.problem == ""
    [image] = rendered.images
    assert image.startswith(b"\x89PNG")
    data = build_roi_report("Return", "all", [], [ReportSection("Chart", image, TABLE)], datetime(2026, 1, 2))
    assert len(Document(io.BytesIO(data)).inline_shapes) == 1
