// /marche/: draw every <canvas data-chart="key"> from the JSON in #market-data (Chart.js, vendored).
// Each chart has a table twin in a <details>, so nothing here is the only way to read the data.
(function () {
  "use strict";
  const palette = ["#1d4ed8", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#7c3aed", "#db2777", "#475569", "#ea580c", "#0d9488"];
  const number = new Intl.NumberFormat("fr-FR");

  function pairsChart(canvas, kind, rows) {
    const labels = rows.map((row) => row[0] || "—");
    const values = rows.map((row) => row[1]);
    const horizontal = kind === "hbar";
    const type = kind === "doughnut" ? "doughnut" : kind === "line" ? "line" : "bar";
    return new Chart(canvas, {
      type: type,
      data: {
        labels: labels,
        datasets: [{
          label: "Offres",
          data: values,
          backgroundColor: type === "doughnut" ? palette : palette[0],
          borderColor: palette[0],
          fill: false,
          tension: 0.2,
        }],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: type === "doughnut" } },
        scales: type === "doughnut" ? {} : { x: { ticks: { autoSkip: true } }, y: { beginAtZero: !horizontal } },
      },
    });
  }

  function salaryChart(canvas, rows) {
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map((row) => row.label),
        datasets: [
          { label: "Min. – max.", data: rows.map((row) => [row.min, row.max]), backgroundColor: "#bfdbfe", grouped: false },
          { label: "1er – 3e quartile", data: rows.map((row) => [row.q1, row.q3]), backgroundColor: "#1d4ed8", grouped: false, barPercentage: 0.5 },
          { label: "Médiane", type: "scatter", data: rows.map((row) => ({ x: row.median, y: row.label })),
            backgroundColor: "#dc2626", pointStyle: "line", pointRadius: 10, borderColor: "#dc2626", borderWidth: 3 },
        ],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { ticks: { callback: (value) => number.format(value) + " €" } }, y: {} },
      },
    });
  }

  function mapChart(canvas, rows) {
    // No tile server is reachable: longitude/latitude on plain axes, bubble area proportional to the count.
    const biggest = Math.max(...rows.map((row) => row.count), 1);
    return new Chart(canvas, {
      type: "bubble",
      data: {
        datasets: [{
          label: "Offres",
          data: rows.map((row) => ({ x: row.lon, y: row.lat, r: 3 + 22 * Math.sqrt(row.count / biggest), city: row.city, count: row.count })),
          backgroundColor: "rgba(29, 78, 216, 0.45)",
          borderColor: "#1d4ed8",
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${item.raw.city || ""} : ${number.format(item.raw.count)} offre(s)` } },
        },
        scales: { x: { title: { display: true, text: "Longitude" } }, y: { title: { display: true, text: "Latitude" } } },
      },
    });
  }

  function drawCharts(root) {
    if (typeof Chart === "undefined") return;
    const source = document.getElementById("market-data");
    if (!source) return;
    const data = JSON.parse(source.textContent);
    (root || document).querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      if (Chart.getChart(canvas)) return;
      const rows = data[canvas.dataset.chart] || [];
      if (!rows.length) return;
      const kind = canvas.dataset.kind;
      if (kind === "salary") salaryChart(canvas, rows);
      else if (kind === "map") mapChart(canvas, rows);
      else pairsChart(canvas, kind, rows);
    });
  }

  document.addEventListener("DOMContentLoaded", () => drawCharts(document));
  document.addEventListener("htmx:load", (event) => drawCharts(event.detail.elt));
  window.jobmarketDrawCharts = drawCharts;
})();
