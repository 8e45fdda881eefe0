// The operations page, drawn with the vendored Chart.js like the dashboard: first from the figures the
// page embeds (#operations-data, the object GET /api/v1/admin/operations returns), then from that
// endpoint every 5 s. Figures, instances and alerts are rewritten in place; the charts get new data.
// The words come from the page (#operations-texts, in the operator's language).
(function () {
  "use strict";
  var source = document.getElementById("operations-data");
  var words = document.getElementById("operations-texts");
  if (!source || !words || typeof Chart === "undefined") return;
  var texts = JSON.parse(words.textContent);
  var every = 5000;
  var locale = document.documentElement.lang || undefined;
  var red = "#d7263d", ink = "#1f2430", blue = "#3b82f6";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function fixed(digits) {
    var f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return function (v) { return f.format(v); };
  }
  var one = fixed(1), none = fixed(0), two = fixed(2);
  function orDash(v, show) { return v === null || v === undefined ? "—" : show(v); }
  var formats = {
    requestsPerSecond: function (v) { return one(v); },
    p50Ms: function (v) { return orDash(v, function (x) { return none(x) + " ms"; }); },
    p99Ms: function (v) { return orDash(v, function (x) { return none(x) + " ms"; }); },
    errorRatio: function (v) { return orDash(v, function (x) { return two(x * 100) + " %"; }); },
    ordersPerMinute: function (v) { return one(v); },
    cacheHitRatio: function (v) { return orDash(v, function (x) { return one(x * 100) + " %"; }); },
    outboxBacklog: function (v) { return orDash(v, none); },
    outboxOldestSeconds: function (v) { return orDash(v, function (x) { return one(x) + " s"; }); },
    replicationLagSeconds: function (v) { return orDash(v, function (x) { return one(x) + " s"; }); }
  };
  var when = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function alertItem(list, alert) {
    var li = document.createElement("li");
    li.setAttribute("data-testid", "alert");
    li.setAttribute("data-alert", alert.name);
    var name = document.createElement("strong");
    name.textContent = alert.name;
    li.appendChild(name);
    li.appendChild(document.createTextNode(" " + alert.text + (alert.instance && list.id === "prometheus-alerts" ? " " + alert.instance : "")));
    list.appendChild(li);
  }

  function show(view) {
    Object.keys(formats).forEach(function (key) {
      var el = document.querySelector('[data-figure="' + key + '"]');
      if (el) el.textContent = formats[key](view.now[key]);
    });
    var updated = document.querySelector('[data-testid="operations-updated"]');
    if (updated) updated.textContent = texts.updated.replace("{0}", when.format(new Date(view.generatedAt)));

    var body = document.getElementById("operations-instances");
    if (body) {
      body.replaceChildren();
      view.instances.forEach(function (i) {
        var row = document.createElement("tr");
        row.setAttribute("data-testid", "instance");
        row.setAttribute("data-instance", i.name);
        row.setAttribute("data-up", i.up ? "True" : "False");
        var name = document.createElement("code");
        name.textContent = i.name;
        cell(row, "").appendChild(name);
        cell(row, i.up ? texts.up : texts.down);
        cell(row, !i.up ? "—" : (i.ready ? texts.ready : texts.notReady) + (i.unready ? " (" + i.unready + ")" : ""));
        cell(row, when.format(new Date(i.lastSeen)));
        cell(row, one(i.requestsPerSecond));
        cell(row, formats.p99Ms(i.p99Ms));
        cell(row, formats.errorRatio(i.errorRatio));
        body.appendChild(row);
      });
    }

    var alerts = document.getElementById("operations-alerts");
    if (alerts) {
      alerts.replaceChildren();
      view.alerts.forEach(function (a) { alertItem(alerts, a); });
      var quiet = document.getElementById("operations-no-alerts");
      if (!quiet && view.alerts.length === 0) {
        quiet = document.createElement("p");
        quiet.id = "operations-no-alerts";
        quiet.className = "muted";
        quiet.setAttribute("data-testid", "no-alerts");
        quiet.textContent = texts.noAlerts;
        alerts.after(quiet);
      } else if (quiet && view.alerts.length > 0) quiet.remove();
    }
    var firing = document.getElementById("prometheus-alerts");
    if (firing) {
      firing.replaceChildren();
      view.prometheus.firing.forEach(function (a) { alertItem(firing, a); });
      var note = document.getElementById("prometheus-note");
      if (note) note.textContent = view.prometheus.note || "";
    }
    chart(view.lastHour);
  }

  var charts = {};
  function line(label, values, colour, axis) {
    return { label: label, data: values, borderColor: colour, backgroundColor: colour, pointRadius: 0, spanGaps: true, yAxisID: axis || "y" };
  }
  function draw(id, labels, datasets, scales) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets.forEach(function (d, n) { d.data = datasets[n].data; });
      charts[id].update("none");
      return;
    }
    charts[id] = new Chart(canvas, { type: "line", data: { labels: labels, datasets: datasets }, options: { scales: scales } });
  }
  function pick(minutes, key, scale) {
    return minutes.map(function (m) { return m[key] === null ? null : m[key] * (scale || 1); });
  }

  function chart(minutes) {
    var labels = minutes.map(function (m) { return m.label; });
    draw("chart-traffic", labels,
      [line(texts.requestsSeries, pick(minutes, "requestsPerSecond"), red, "requests"),
       line(texts.ordersSeries, pick(minutes, "ordersPerMinute"), ink, "orders")],
      { requests: { position: "left", beginAtZero: true }, orders: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } });
    draw("chart-latency", labels,
      [line(texts.p50Series, pick(minutes, "p50Ms"), blue), line(texts.p99Series, pick(minutes, "p99Ms"), red)],
      { y: { beginAtZero: true } });
    draw("chart-errors", labels, [line(texts.errorSeries, pick(minutes, "errorRatio", 100), red)], { y: { beginAtZero: true } });
  }

  function refresh() {
    fetch("/api/v1/admin/operations", { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(show)
      .catch(function () {
        var updated = document.querySelector('[data-testid="operations-updated"]');
        if (updated) updated.textContent = texts.stale;
      })
      .then(function () { setTimeout(refresh, every); });
  }

  show(JSON.parse(source.textContent));
  setTimeout(refresh, every);
})();
