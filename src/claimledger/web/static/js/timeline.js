// The timeline page: a stacked bar chart (Chart.js) of claims per day by side or by type from
// /api/timeline; clicking a day lists that day's claims from /api/claims in #claims.
"use strict";

(function () {
  const CL = window.CL;
  const Chart = window.Chart;
  const FILTERS = ["since", "until", "type", "side", "status", "source"];
  const MAX_FILLED_DAYS = 1100; // a longer span shows only days that have claims

  const root = CL.app();
  const box = document.getElementById("chart");
  const list = document.getElementById("claims");
  const form = document.getElementById("filters");
  if (!root || !box || !Chart) return;
  const api = root.dataset.api || "/api/timeline";

  const toggle = CL.el(
    "select",
    { id: "stack-by", name: "stack", "aria-label": "stack bars by" },
    CL.el("option", { value: "side" }, "by side"),
    CL.el("option", { value: "type" }, "by type")
  );
  const summary = CL.el("span", { id: "chart-summary" });
  const header = CL.el("div", { class: "chart-head" }, CL.el("label", { class: "stack-by" }, "Stack ", toggle), " ", summary);
  const wrap = CL.el("div", { class: "chart-wrap" });
  wrap.style.position = "relative";
  const canvas = CL.el("canvas", { id: "chart-canvas", role: "img", "aria-label": "claims per day" });
  wrap.append(canvas);
  box.append(header, wrap);
  // the chart fills what the page gave #chart below the header
  wrap.style.height = Math.max(240, box.clientHeight - header.offsetHeight - 24) + "px";

  let rows = [];
  let chart = null;
  let labels = [];
  let loadToken = 0;

  function fillDays(dates) {
    if (dates.length < 2) return dates;
    const first = new Date(dates[0] + "T00:00:00Z");
    const last = new Date(dates[dates.length - 1] + "T00:00:00Z");
    const span = Math.round((last - first) / 86400000);
    if (span > MAX_FILLED_DAYS) return dates;
    const out = [];
    for (let t = first.getTime(); t <= last.getTime(); t += 86400000) {
      out.push(new Date(t).toISOString().slice(0, 10));
    }
    return out;
  }

  function draw() {
    const by = toggle.value === "type" ? "type" : "side";
    // a day without a year ("--11-24") has no place on a time axis
    const dated = rows.filter((r) => r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date));
    labels = fillDays([...new Set(dated.map((r) => r.date))].sort());
    const index = new Map(labels.map((d, i) => [d, i]));
    const groups = new Map();
    for (const r of dated) {
      const key = (by === "type" ? r.type : r.side) || "unknown";
      if (!groups.has(key)) groups.set(key, new Array(labels.length).fill(0));
      groups.get(key)[index.get(r.date)] += r.count;
    }
    const datasets = [...groups.entries()].sort().map(([key, data]) => ({
      label: key,
      data,
      backgroundColor: CL.colorFor(by, key),
      stack: "claims",
    }));
    if (chart) chart.destroy();
    chart = new Chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        onClick: (event, elements) => {
          const hit = elements.length ? elements[0].index : chart.scales.x.getValueForPixel(event.x);
          if (hit !== undefined && hit !== null && labels[hit]) listDay(labels[hit]);
        },
      },
    });
    const total = dated.reduce((n, r) => n + r.count, 0);
    const withClaims = new Set(dated.map((r) => r.date)).size;
    box.dataset.days = String(withClaims);
    box.dataset.total = String(total);
    box.dataset.state = "ready";
    const undated = rows.length - dated.length;
    summary.textContent =
      total + " dated claim(s) on " + withClaims + " day(s)" +
      (labels.length ? " from " + labels[0] + " to " + labels[labels.length - 1] : "") +
      (undated ? "; " + undated + " group(s) of undated claims not drawn" : "") +
      ". Click a day to list its claims.";
  }

  function claimItem(c) {
    const entry = c.entry_id || c.entry;
    const links = [CL.el("a", { href: CL.path("/articles/", c.article_id) }, "article " + c.article_id)];
    if (entry) links.push(" · ", CL.el("a", { href: CL.path("/entries/", entry) }, "entry " + entry));
    const date = c.date && c.date.start ? c.date.start : "";
    return CL.el(
      "li",
      { class: "claim status-" + c.status, dataset: { claim: c.id, article: c.article_id } },
      CL.el("span", { class: "claim-date" }, date),
      " ",
      CL.el("span", { class: "claim-type" }, c.type),
      " ",
      CL.el("span", { class: "claim-status status-" + c.status }, c.status),
      " ",
      CL.el("span", { class: "chain" }, CL.chainText(c.chain_names)),
      CL.el("blockquote", {}, CL.shorten(c.text, 240)),
      CL.el("p", { class: "links" }, links)
    );
  }

  async function listDay(day) {
    if (!list) return;
    const params = CL.formParams(form, FILTERS);
    params.set("since", day);
    params.set("until", day);
    params.set("limit", "200");
    CL.clear(list);
    list.dataset.day = day;
    list.dataset.state = "loading";
    try {
      const page = await CL.getJSON(CL.withParams("/api/claims", params));
      if (list.dataset.day !== day) return;
      const more = page.next ? " (the first " + page.items.length + " shown)" : "";
      list.append(CL.el("li", { class: "hint" }, page.items.length + " claim(s) of " + day + more));
      list.append(...page.items.map(claimItem));
      list.dataset.count = String(page.items.length);
      list.dataset.state = "ready";
    } catch (error) {
      list.dataset.state = "error";
      CL.showError(list, error);
    }
  }

  async function load() {
    const token = ++loadToken;
    box.dataset.state = "loading";
    try {
      const page = await CL.getJSON(CL.withParams(api, CL.formParams(form, FILTERS)));
      if (token !== loadToken) return;
      rows = page.items;
      draw();
    } catch (error) {
      box.dataset.state = "error";
      CL.showError(box, error);
    }
  }

  toggle.addEventListener("change", draw);
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    form.addEventListener("change", (event) => {
      if (event.target && event.target.name !== "source") load();
    });
  }
  load();
})();
