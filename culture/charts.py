"""The trend chart: a Vega-Lite line per construct across waves, drawn by the dashboard's script
(static intelligence/dashboard.js) from numbers already suppressed. A hidden wave has no point; the
table beside the chart carries every number, marks and all."""

from __future__ import annotations

from culture.results import TrendPoint, construct_names

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
PALETTE = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c"]


def trend_spec(points: list[TrendPoint], constructs: list[str], *, description: str, wave_label: str,
               score_label: str) -> dict:
    names = construct_names()
    order = [wave_label % {"number": p.wave.number} for p in points]
    values = [{"wave": wave_label % {"number": p.wave.number}, "construct": names[c], "score": p.means[c]}
              for p in points if p.means is not None for c in constructs if c in p.means]
    series = [names[c] for c in constructs]
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 260,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "config": {"font": "Arial, sans-serif", "axis": {"labelFontSize": 13, "titleFontSize": 14},
                   "legend": {"labelFontSize": 13, "titleFontSize": 14, "orient": "bottom", "columns": 1},
                   "range": {"category": PALETTE}},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "wave", "type": "ordinal", "title": None, "sort": order, "scale": {"domain": order}},
            "y": {"field": "score", "type": "quantitative", "title": score_label, "scale": {"domain": [1, 5]}},
            "color": {"field": "construct", "type": "nominal", "title": None, "sort": series,
                      "scale": {"domain": series}},
            "tooltip": [{"field": "wave"}, {"field": "construct"}, {"field": "score", "format": ".1f"}],
        },
    }
