// Starts GOV.UK Frontend and MoJ Frontend. Loaded with type="module", so only
// browsers that can run them get here; every page works without this file.
// Kept out of the page itself: no inline script (a Content Security Policy
// forbids it, issue 6).
import { initAll as initGovuk } from "../govuk/govuk-frontend.min.js";
import { initAll as initMoj } from "../moj/moj-frontend.min.js";

// What GOV.UK's page template does inline: the components check for this class.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initGovuk();
initMoj();

// A long list of staff (allocation) becomes GOV.UK's accessible autocomplete:
// type part of a name or team. Without JavaScript it stays a plain select.
if (window.accessibleAutocomplete) {
  document.querySelectorAll("select[data-disclose-autocomplete]").forEach((select) => {
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
    });
  });
}
