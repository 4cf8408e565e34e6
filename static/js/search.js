// Search forms (/offres/, /marche/): the URL is the whole state of the search.

function searchEntries(parameters) {
  const names = Array.from(parameters.keys ? parameters.keys() : Object.keys(parameters));
  const entries = [];
  for (const name of new Set(names)) {
    const values = parameters.getAll ? parameters.getAll(name) : [].concat(parameters[name]);
    for (const value of values) entries.push([name, String(value)]);
  }
  return entries;
}

function sameQuery(entries, search) {
  const key = (pairs) => pairs.map(([name, value]) => `${name}=${value}`).sort().join("&");
  return key(entries) === key(Array.from(new URLSearchParams(search).entries()).filter(([name]) => name !== "page"));
}

document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt;
  if (!form || form.id !== "search-form") return;
  // Keep the URL short by leaving empty fields out of the query.
  const parameters = event.detail.parameters;
  for (const name of Array.from(parameters.keys ? parameters.keys() : Object.keys(parameters))) {
    const value = parameters.get ? parameters.get(name) : parameters[name];
    if (value === "" || value === null) {
      if (parameters.delete) parameters.delete(name); else delete parameters[name];
    }
  }
  // One history entry per search: typing then leaving the field fires `input` then `change`
  // with the same query; the second request would only push the same URL again.
  if (sameQuery(searchEntries(parameters), window.location.search)) {
    event.preventDefault();
    return;
  }
  const trigger = event.detail.triggeringEvent;
  form.dataset.trigger = trigger ? trigger.type : "";
});

// While the keyword is being typed, each pause updates the results: the first one pushes a
// history entry, the following ones replace it, so Back returns to the search before typing.
let typingEntry = false;
document.addEventListener("htmx:beforeHistoryUpdate", (event) => {
  const config = event.detail.requestConfig || {};
  const element = config.elt || event.detail.elt;
  const typing = Boolean(element && element.id === "search-form" && element.dataset.trigger === "input");
  if (typing && typingEntry && event.detail.history.type === "push") event.detail.history.type = "replace";
  typingEntry = typing;
});

// Back and Forward: the page is not kept in htmx's history cache (hx-history="false" on the
// form), so htmx asks the server for the page of the URL and fields and results agree. The entry
// of the first page load was not made by htmx: mark it, so that htmx restores it too.
window.addEventListener("popstate", () => {
  typingEntry = false;
});
if (document.getElementById("search-form") && !(window.history.state && window.history.state.htmx)) {
  window.history.replaceState({ htmx: true }, "", window.location.href);
}

// Back pressed twice quickly: two pages of the server are on their way, and the later answer
// to the earlier Back would overwrite the page of the current URL. Only the last one counts.
let restoring = null;
document.addEventListener("htmx:historyCacheMiss", (event) => {
  if (restoring) restoring.abort();
  restoring = event.detail.xhr;
});
document.addEventListener("htmx:historyRestore", () => {
  restoring = null;
});
