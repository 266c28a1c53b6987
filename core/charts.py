"""The one look of every Vega-Lite chart in Good Catch (the dashboard, the culture survey's trend).

Specs are plain dicts, put on the page with `json_script` and drawn by static/intelligence/dashboard.js
with vega-embed and Vega's expression interpreter (the site's Content-Security-Policy forbids the
`new Function` that Vega uses by default). Every chart has a table beside it.
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# GOV.UK Design System colours, distinguishable for the common colour-vision deficiencies; every
# chart also has its table, so no meaning rests on colour alone.
PALETTE = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197", "#912b88", "#85994b",
           "#b58840", "#5694ca", "#6f72af", "#505a5f"]


def vega_lite(description: str, values: list[dict], *, legend: dict | None = None, **spec: Any) -> dict:
    """A spec with the house width, height, fonts and palette; `legend` adds to the legend's settings."""
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 260,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "config": {"font": "Arial, sans-serif", "axis": {"labelFontSize": 13, "titleFontSize": 14},
                   "legend": {"labelFontSize": 13, "titleFontSize": 14, "orient": "bottom", **(legend or {})},
                   "range": {"category": PALETTE}},
        **spec,
    }
