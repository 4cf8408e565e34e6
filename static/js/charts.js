// /marche/: draw every <canvas data-chart="key"> from the JSON in #market-data (Chart.js, vendored).
// Each chart has a table twin in a <details>, so nothing here is the only way to read the data.
// The map of départements is server-drawn SVG (templates/offers/_map.html), not a chart.
(function () {
  "use strict";
  const palette = ["#1d4ed8", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#7c3aed", "#db2777", "#475569", "#ea580c", "#0d9488"];
  const number = new Intl.NumberFormat("fr-FR");

  // Long labels (company names, sectors) are cut to what the chart's width allows; the
  // tooltip and the table give them whole.
  function shortLabel(label, room) {
    const text = String(label || "—");
    return text.length > room ? text.slice(0, Math.max(room - 1, 4)).trimEnd() + "…" : text;
  }
  function labelRoom(canvas) {
    return Math.max(12, Math.floor((canvas.clientWidth || 320) / 16));
  }

  function pairsChart(canvas, kind, rows) {
    const labels = rows.map((row) => row[0] || "—");
    const values = rows.map((row) => row[1]);
    const horizontal = kind === "hbar";
    const type = kind === "doughnut" ? "doughnut" : kind === "line" ? "line" : "bar";
    const room = labelRoom(canvas);
    const categoryTicks = {
      autoSkip: !horizontal,
      callback: function (value) { return shortLabel(this.getLabelForValue(value), room); },
    };
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
        locale: "fr-FR",
        plugins: {
          legend: { display: type === "doughnut", position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${number.format(item.raw)} offre${item.raw > 1 ? "s" : ""}` } },
        },
        scales: type === "doughnut" ? {} : horizontal
          ? { y: { ticks: categoryTicks }, x: { beginAtZero: true, ticks: { precision: 0 } } }
          : { x: { ticks: categoryTicks }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function salaryChart(canvas, rows) {
    // A box plot drawn with floating bars: a thin min–max whisker, then Q1–median and median–Q3.
    const money = (value) => number.format(value) + " €";
    const room = labelRoom(canvas);
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
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label} : ${money(item.raw[0])} – ${money(item.raw[1])}` } },
        },
        scales: {
          x: { ticks: { callback: (value) => money(value), maxTicksLimit: 5 } },
          y: { ticks: { autoSkip: false, callback: function (value) { return shortLabel(this.getLabelForValue(value), room); } } },
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
      else pairsChart(canvas, kind, rows);
    });
  }

  document.addEventListener("DOMContentLoaded", () => drawCharts(document));
  document.addEventListener("htmx:load", (event) => drawCharts(event.detail.elt));
  window.jobmarketDrawCharts = drawCharts;
})();
