// Draws the dashboard's charts from the Vega-Lite specs the server put on the page (json_script).
// No inline script and no eval: Vega's expressions run through its interpreter (ast: true), which the
// Content-Security-Policy (script-src 'self') needs. Without JavaScript, or if drawing fails, the
// tables beside the charts carry the same numbers.
(function () {
  "use strict";
  if (!window.vegaEmbed || !window.vegaInterpreter) {
    return;
  }
  var options = {
    actions: false,
    renderer: "canvas",
    ast: true,
    expr: window.vegaInterpreter.expressionInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true }
  };
  document.querySelectorAll("[data-chart]").forEach(function (container) {
    var source = document.getElementById(container.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    container.hidden = false;
    window.vegaEmbed(container, spec, options).then(function () {
      container.setAttribute("data-drawn", "true");
    }).catch(function () {
      container.hidden = true;
    });
  });
})();
