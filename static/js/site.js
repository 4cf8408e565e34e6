// JobMarket: progressive enhancements shared by every page.

// Phone navigation: a disclosure button that folds the links (hidden without JS).
(function () {
  const toggle = document.querySelector(".nav-toggle");
  if (!toggle) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to swapped regions that ask for it, so keyboard and screen-reader users follow.
  const target = event.detail.target;
  if (target && target.dataset && target.dataset.focusOnSwap === "true") {
    target.focus({ preventScroll: true });
  }
});

// Scripts run: styles for progressive enhancements (the filters drawer) key on this class.
document.documentElement.classList.add("js");

// Phones: the search facets open as a drawer from the "Filtrer les résultats" button. The results
// region is swapped by htmx, so the handlers are delegated from the document.
(function () {
  let opener = null;
  function drawer() { return document.getElementById("filtres"); }
  function close() {
    const panel = drawer();
    document.body.classList.remove("drawer-open");
    document.querySelectorAll(".drawer-backdrop").forEach((backdrop) => backdrop.remove());
    document.querySelectorAll(".filters-toggle").forEach((toggle) => toggle.setAttribute("aria-expanded", "false"));
    if (panel && panel.classList.contains("is-open")) {
      panel.classList.remove("is-open");
      if (opener && document.body.contains(opener)) opener.focus();
    }
  }
  function open(toggle) {
    const panel = drawer();
    if (!panel) return;
    opener = toggle;
    panel.classList.add("is-open");
    toggle.setAttribute("aria-expanded", "true");
    document.body.classList.add("drawer-open");
    const backdrop = document.createElement("div");
    backdrop.className = "drawer-backdrop";
    backdrop.addEventListener("click", close);
    panel.parentNode.insertBefore(backdrop, panel);
    panel.focus();
  }
  document.addEventListener("click", (event) => {
    const toggle = event.target.closest(".filters-toggle");
    if (toggle) { toggle.getAttribute("aria-expanded") === "true" ? close() : open(toggle); return; }
    if (event.target.closest(".facets-close")) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer() && drawer().classList.contains("is-open")) close();
  });
  // A new page or a new set of results: no drawer left open behind it.
  document.addEventListener("htmx:beforeSwap", close);
})();

// htmx errors, where the user looks. A 400 or 422 answer is a fragment with the errors next to
// their fields (swapped in place, see the htmx-config meta): focus moves to the first field in
// error. Any other error, or no answer at all, is said in #htmx-error at the top of the page.
(function () {
  function box() { return document.getElementById("htmx-error"); }
  function show(kind) {
    const region = box();
    if (!region) return;
    region.textContent = region.getAttribute("data-message-" + kind.toLowerCase())
      || region.getAttribute("data-message-4xx");
    region.hidden = false;
    region.focus({ preventScroll: true });
    region.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("htmx:beforeRequest", () => {
    const region = box();
    if (region && !region.hidden) { region.hidden = true; region.textContent = ""; }
  });
  document.addEventListener("htmx:responseError", (event) => {
    const status = event.detail.xhr.status;
    const known = ["403", "404", "413", "429"];
    show(known.includes(String(status)) ? String(status) : status >= 500 ? "5xx" : "4xx");
  });
  document.addEventListener("htmx:sendError", () => show("Network"));
  document.addEventListener("htmx:afterSettle", (event) => {
    const xhr = event.detail.xhr;
    if (!xhr || (xhr.status !== 400 && xhr.status !== 422)) return;
    const scope = event.target instanceof Element && document.body.contains(event.target) ? event.target : document;
    const first = scope.querySelector('[aria-invalid="true"], [data-error-summary]')
      || document.querySelector('[aria-invalid="true"], [data-error-summary]');
    if (first) {
      first.focus();
      first.scrollIntoView({ block: "center" });
    }
  });
})();
