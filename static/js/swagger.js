// API documentation: Swagger UI on the vendored bundle, reading the schema URL and the CSRF
// token from data attributes (a file, not an inline script, for the Content-Security-Policy).
(function () {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // BaseLayout: the standalone layout's top bar draws an SVG logo with a style element, which
    // the policy refuses, and its "Explore" box would load any other schema.
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // "Try it out" with the site session needs Django's CSRF token on unsafe methods.
    requestInterceptor: (request) => {
      request.headers["X-CSRFToken"] = root.dataset.csrfToken;
      return request;
    },
  });
})();
