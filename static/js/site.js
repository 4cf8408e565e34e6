// JobMarket: progressive enhancements shared by every page.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to swapped regions that ask for it, so keyboard and screen-reader users follow.
  const target = event.detail.target;
  if (target && target.dataset && target.dataset.focusOnSwap === "true") {
    target.focus({ preventScroll: true });
  }
});
