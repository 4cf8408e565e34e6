// Staff dashboard: charts drawn from the JSON the page embeds (#dashboard-data).
document.addEventListener("DOMContentLoaded", () => {
  if (!window.Chart) return;  // the tables above carry the same figures
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const colours = ["#1d4ed8", "#ea580c", "#15803d", "#9333ea"];
  const datasets = (series) => Object.entries(series).map(([label, values], i) => ({label, data: values, backgroundColor: colours[i % colours.length], borderColor: colours[i % colours.length]}));
  const draw = (id, config) => { const canvas = document.getElementById(id); if (canvas) new Chart(canvas, config); };
  const stacked = {responsive: true, maintainAspectRatio: false, scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}};
  draw("chart-fetched", {type: "bar", data: {labels: data.days, datasets: datasets(data.fetched)}, options: stacked});
  draw("chart-calls", {type: "bar", data: {labels: data.days, datasets: datasets(data.api_calls)}, options: stacked});
  draw("chart-timeline", {type: "line", data: {labels: data.timeline.days, datasets: datasets({[data.timeline.labels.open]: data.timeline.open, [data.timeline.labels.closed]: data.timeline.closed})}, options: {responsive: true, maintainAspectRatio: false, scales: {y: {beginAtZero: true}}}});
});
