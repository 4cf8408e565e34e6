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
    // A box plot drawn with floating bars: a thin min–max whisker, then Q1–median and median–Q3.
    const money = (value) => number.format(value) + " €";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map((row) => row.label),
        datasets: [
          { label: "Min. – max.", data: rows.map((row) => [row.min, row.max]), backgroundColor: "#94a3b8",
            grouped: false, barPercentage: 0.15, order: 3 },
          { label: "1er quartile – médiane", data: rows.map((row) => [row.q1, row.median]), backgroundColor: "#93c5fd",
            grouped: false, barPercentage: 0.7, order: 2 },
          { label: "Médiane – 3e quartile", data: rows.map((row) => [row.median, row.q3]), backgroundColor: "#1d4ed8",
            grouped: false, barPercentage: 0.7, order: 1 },
        ],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label} : ${money(item.raw[0])} – ${money(item.raw[1])}` } } },
        scales: { x: { ticks: { callback: (value) => money(value) } }, y: { ticks: { autoSkip: false } } },
      },
    });
  }

  function mapChart(canvas, rows) {
    // No tile server is reachable: longitude/latitude on plain axes, bubble area proportional to the count.
    const biggest = Math.max(...rows.map((row) => row.count), 1);
    // Frame metropolitan France when most offers are there (overseas places stay in the table).
    const inMetropole = (row) => row.lon > -5.5 && row.lon < 10 && row.lat > 41 && row.lat < 51.5;
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const metropole = rows.filter(inMetropole).reduce((sum, row) => sum + row.count, 0);
    const bounds = metropole >= 0.8 * total
      ? { x: { min: -5.5, max: 10 }, y: { min: 41, max: 51.5 } }
      : { x: {}, y: {} };
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
        scales: {
          x: { title: { display: true, text: "Longitude" }, ...bounds.x },
          y: { title: { display: true, text: "Latitude" }, ...bounds.y },
        },
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
