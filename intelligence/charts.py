"""Vega-Lite specs for the dashboard, built from numbers that have already been through
small-number suppression: a hidden count arrives here as None and is left out of the chart (its
table says "<k"). Specs are plain dicts, put on the page with `json_script` and drawn by
static/intelligence/dashboard.js with vega-embed and Vega's expression interpreter (the site's
Content-Security-Policy forbids the `new Function` that Vega uses by default).
"""

from __future__ import annotations

from typing import Any

from core.charts import vega_lite

COUNT_FIELD = "reports"  # the only field of chart data that holds a count (tests walk it)


def stacked_bars(description: str, values: list[dict], *, x: str, x_title: str, x_order: list[str], series: str,
                 series_title: str, series_order: list[str], y_title: str) -> dict:
    """Counts over time, stacked by series. Hidden counts are not in `values`."""
    return vega_lite(description, [v for v in values if v.get(COUNT_FIELD) is not None], mark={"type": "bar"},
                 encoding={
                     "x": {"field": x, "type": "ordinal", "title": x_title, "sort": x_order,
                           "scale": {"domain": x_order}, "axis": {"labelAngle": -45}},
                     "y": {"field": COUNT_FIELD, "type": "quantitative", "title": y_title, "stack": "zero"},
                     "color": {"field": series, "type": "nominal", "title": series_title,
                               "sort": series_order, "scale": {"domain": series_order}},
                     "order": {"field": "order", "type": "quantitative"},
                     "tooltip": [{"field": x, "title": x_title}, {"field": series, "title": series_title},
                                 {"field": COUNT_FIELD, "title": y_title}],
                 })


def line(description: str, values: list[dict], *, x: str, x_title: str, x_order: list[str], y: str, y_title: str,
         series: str | None = None, series_title: str = "", y_domain: list[float] | None = None) -> dict:
    """A measure (a rate, a share, a median) over time; a None breaks the line instead of joining it."""
    y_encoding: dict[str, Any] = {"field": y, "type": "quantitative", "title": y_title}
    if y_domain:
        y_encoding["scale"] = {"domain": y_domain}
    encoding: dict[str, Any] = {
        "x": {"field": x, "type": "ordinal", "title": x_title, "sort": x_order, "scale": {"domain": x_order},
              "axis": {"labelAngle": -45}},
        "y": y_encoding,
        "tooltip": [{"field": x, "title": x_title}, {"field": y, "title": y_title}],
    }
    if series:
        encoding["color"] = {"field": series, "type": "nominal", "title": series_title}
        encoding["tooltip"].insert(1, {"field": series, "title": series_title})
    return vega_lite(description, values, mark={"type": "line", "point": True, "invalid": "break-paths-show-domains"},
                 encoding=encoding)


def horizontal_bars(description: str, values: list[dict], *, y: str, y_title: str, x_title: str,
                    series: str | None = None, series_title: str = "", series_order: list[str] | None = None) -> dict:
    """Counts by category, largest first (the order of `values`), optionally stacked by series."""
    order = list(dict.fromkeys(v[y] for v in values))
    encoding: dict[str, Any] = {
        "y": {"field": y, "type": "nominal", "title": y_title, "sort": order, "axis": {"labelLimit": 260}},
        "x": {"field": COUNT_FIELD, "type": "quantitative", "title": x_title, "stack": "zero"},
        "tooltip": [{"field": y, "title": y_title}, {"field": COUNT_FIELD, "title": x_title}],
    }
    if series:
        encoding["color"] = {"field": series, "type": "nominal", "title": series_title,
                             "sort": series_order, "scale": {"domain": series_order}}
        encoding["tooltip"].insert(1, {"field": series, "title": series_title})
    spec = vega_lite(description, [v for v in values if v.get(COUNT_FIELD) is not None], mark={"type": "bar"},
                 encoding=encoding)
    spec["height"] = {"step": 28}
    return spec


def heat_map(description: str, values: list[dict], *, x: str, x_title: str, x_order: list[str], y: str,
             y_title: str, y_order: list[str], label: str) -> dict:
    """A grid of counts. Every cell is drawn (a hidden one in grey), with its count or mark as text."""
    return vega_lite(description, values, height=300, layer=[
        {"mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 2},
         "encoding": {
             "color": {"condition": {"test": f"datum['{COUNT_FIELD}'] === null", "value": "#b1b4b6"},
                       "field": COUNT_FIELD, "type": "quantitative", "title": label,
                       "scale": {"scheme": "oranges"}},
             "tooltip": [{"field": y, "title": y_title}, {"field": x, "title": x_title},
                         {"field": "display", "title": label}, {"field": "band", "title": "Risk"}],
         }},
        {"mark": {"type": "text", "fontSize": 14, "fontWeight": "bold"},
         "encoding": {"text": {"field": "display"}, "color": {"value": "#0b0c0c"}}},
    ], encoding={
        "x": {"field": x, "type": "ordinal", "title": x_title, "sort": x_order, "axis": {"labelAngle": 0, "labelLimit": 120}},
        "y": {"field": y, "type": "ordinal", "title": y_title, "sort": y_order, "axis": {"labelLimit": 160}},
    })


# ---- Vega's expression interpreter as a plain script ------------------------------------------

INTERPRETER_SOURCE = "node_modules/vega-interpreter/build/vega-interpreter.js"
INTERPRETER_SCRIPT = "intelligence/static/intelligence/vega-interpreter.js"
_IMPORT = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';"
_EXPORT = "export { expression as expressionInterpreter };"


def interpreter_script(module_source: str) -> str:
    """vega-interpreter ships only as an ES module that imports 'vega-util' by bare name, which a browser
    cannot resolve without an import map (an inline script, refused by the CSP). Its three imports are
    on the global `vega` that vega.min.js defines, so the same code runs as a plain script that sets
    `window.vegaInterpreter`. tests/intelligence checks that the committed script is this, from the
    installed package; after upgrading vega-interpreter, rebuild it with
    `python -c "from intelligence.charts import write_interpreter_script as w; w()"`."""
    if _IMPORT not in module_source or _EXPORT not in module_source:
        raise ValueError("vega-interpreter's imports or exports changed: check interpreter_script()")
    body = module_source.replace(_IMPORT, "const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;")
    body = body.replace(_EXPORT, "globalThis.vegaInterpreter = { expressionInterpreter: expression };")
    # Its source map is not served; a reference to it would also fail collectstatic's manifest.
    body = "\n".join(line for line in body.splitlines() if not line.startswith("//# sourceMappingURL="))
    return ("// Generated from vega-interpreter (BSD-3-Clause, Copyright (c) the University of Washington\n"
            "// Interactive Data Lab) by intelligence.charts.interpreter_script: do not edit.\n"
            "(function () {\n\"use strict\";\n" + body + "\n})();\n")


def write_interpreter_script(base_dir=None) -> None:
    from pathlib import Path

    base = Path(base_dir) if base_dir else Path(__file__).resolve().parent.parent
    source = (base / INTERPRETER_SOURCE).read_text(encoding="utf-8")
    (base / INTERPRETER_SCRIPT).write_text(interpreter_script(source), encoding="utf-8")
