// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

// A component that cannot start (say, a group of checkboxes with none in it) is reported as an
// error, not a log line, so that the browser tests, which fail on any script error, catch it.
initAll({
  onError: (error, context) => console.error(`GOV.UK Frontend ${context.component?.moduleName || ""}:`, error),
});

document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const target = document.getElementById(button.dataset.copyTarget);
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(target.textContent.trim());
    const status = document.getElementById(button.dataset.copyStatus);
    if (status) status.textContent = button.dataset.copiedText || "Copied";
  });
});
