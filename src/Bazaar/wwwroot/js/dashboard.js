// The back office dashboard's three charts, drawn with the vendored Chart.js (wwwroot/lib/chart.js)
// from the figures the page embeds as JSON: the same object GET /api/v1/admin/dashboard returns,
// so the page costs no second request and the charts always agree with the cards beside them.
// The words the charts write come from the page too (#dashboard-texts, in the operator's language).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  var words = document.getElementById("dashboard-texts");
  if (!source || !words || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var texts = JSON.parse(words.textContent);
  function fill(template, value) { return template.replace("{0}", value); }
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  var red = "#d7263d";
  var money = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });
  // Tests and the operator's browser alike: no animation means the canvas is final once drawn.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  draw("chart-revenue", {
    type: "bar",
    data: {
      labels: data.revenuePerDay.map(function (d) { return d.day.slice(5); }),
      datasets: [
        { type: "bar", label: texts.revenueSeries, data: data.revenuePerDay.map(function (d) { return d.revenue; }),
          backgroundColor: red, yAxisID: "revenue" },
        { type: "line", label: texts.ordersSeries, data: data.revenuePerDay.map(function (d) { return d.orders; }),
          borderColor: "#1f2430", backgroundColor: "#1f2430", yAxisID: "orders" }
      ]
    },
    options: {
      scales: {
        revenue: { position: "left", beginAtZero: true, ticks: { callback: function (v) { return money.format(v); } } },
        orders: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
      },
      plugins: { tooltip: { callbacks: { label: function (c) {
        return c.dataset.yAxisID === "revenue" ? fill(texts.revenue, money.format(c.parsed.y)) : fill(texts.orders, c.parsed.y);
      } } } }
    }
  });

  var statusColours = {
    PendingPayment: "#f59e0b", Paid: "#d7263d", Shipped: "#3b82f6", Delivered: "#10b981",
    Completed: "#15803d", Cancelled: "#9ca3af", Refunded: "#6b7280"
  };
  draw("chart-status", {
    type: "doughnut",
    data: {
      labels: data.ordersByStatus.map(function (s) { return texts.statuses[s.status] || s.status; }),
      datasets: [{ data: data.ordersByStatus.map(function (s) { return s.count; }),
        backgroundColor: data.ordersByStatus.map(function (s) { return statusColours[s.status] || "#a78bfa"; }) }]
    },
    options: { plugins: { legend: { position: "right" } } }
  });

  draw("chart-top", {
    type: "bar",
    data: {
      labels: data.topProducts.map(function (p) {
        var name = chinese ? p.nameZh : p.nameEn;
        return name.length > 28 ? name.slice(0, 27) + "…" : name;
      }),
      datasets: [{ label: texts.unitsSold, data: data.topProducts.map(function (p) { return p.units; }), backgroundColor: red }]
    },
    options: {
      indexAxis: "y",
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } }
    }
  });
})();
