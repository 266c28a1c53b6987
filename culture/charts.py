"""The trend chart: a Vega-Lite line per construct across waves, drawn by the dashboard's script
(static intelligence/dashboard.js) from numbers already suppressed. A hidden wave has no point; the
table beside the chart carries every number, marks and all."""

from __future__ import annotations

from core.charts import vega_lite
from culture.results import TrendPoint, construct_names


def trend_spec(points: list[TrendPoint], constructs: list[str], *, description: str, wave_label: str,
               score_label: str) -> dict:
    names = construct_names()
    order = [wave_label % {"number": p.wave.number} for p in points]
    values = [{"wave": wave_label % {"number": p.wave.number}, "construct": names[c], "score": p.means[c]}
              for p in points if p.means is not None for c in constructs if c in p.means]
    series = [names[c] for c in constructs]
    return vega_lite(
        description, values, legend={"columns": 1},
        mark={"type": "line", "point": True},
        encoding={
            "x": {"field": "wave", "type": "ordinal", "title": None, "sort": order, "scale": {"domain": order}},
            "y": {"field": "score", "type": "quantitative", "title": score_label, "scale": {"domain": [1, 5]}},
            "color": {"field": "construct", "type": "nominal", "title": None, "sort": series,
                      "scale": {"domain": series}},
            "tooltip": [{"field": "wave"}, {"field": "construct"}, {"field": "score", "format": ".1f"}],
        },
    )
