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
