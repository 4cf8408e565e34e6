// Search forms (/offres/, /marche/): keep the URL short by leaving empty fields out of the query.
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt;
  if (!form || form.id !== "search-form") return;
  const parameters = event.detail.parameters;
  for (const name of Array.from(parameters.keys ? parameters.keys() : Object.keys(parameters))) {
    const value = parameters.get ? parameters.get(name) : parameters[name];
    if (value === "" || value === null) {
      if (parameters.delete) parameters.delete(name); else delete parameters[name];
    }
  }
});
