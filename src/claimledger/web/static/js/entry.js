// The entry page: the chain of retellings from /api/entries/{id}'s `graph`, drawn in #graph as
// an SVG built node by node: origins on the left, the outlets that passed the claim on in the
// middle (one column per step), the articles on the right.
"use strict";

(function () {
  const CL = window.CL;
  const BOX_W = 190;
  const BOX_H = 36;
  const COL_GAP = 70;
  const ROW_GAP = 14;
  const PAD = 12;

  const root = CL.app();
  const holder = document.getElementById("graph");
  if (!root || !holder) return;
  const id = root.dataset.entry;
  const api = root.dataset.api || CL.path("/api/entries/", id);

  // Column of each node: articles last, the others by their longest path from a node that
  // nothing points to (an origin that retells another origin stands right of it).
  function layers(nodes, edges) {
    const incoming = new Map(nodes.map((n) => [n.id, []]));
    for (const e of edges) if (incoming.has(e.to) && incoming.has(e.from)) incoming.get(e.to).push(e.from);
    const depth = new Map();
    const visiting = new Set();
    function walk(nodeId) {
      if (depth.has(nodeId)) return depth.get(nodeId);
      if (visiting.has(nodeId)) return 0; // a cycle: cut it here
      visiting.add(nodeId);
      let d = 0;
      for (const from of incoming.get(nodeId) || []) d = Math.max(d, walk(from) + 1);
      visiting.delete(nodeId);
      depth.set(nodeId, d);
      return d;
    }
    for (const n of nodes) walk(n.id);
    let last = 0;
    for (const n of nodes) if (n.kind !== "article") last = Math.max(last, depth.get(n.id));
    for (const n of nodes) if (n.kind === "article") depth.set(n.id, last + 1);
    return depth;
  }

  // Orders each column by the mean row of its neighbours (a few barycentre sweeps, left to
  // right then back), which removes most crossings in graphs this small.
  function orderColumns(columns, edges) {
    const row = new Map();
    const renumber = (column) => column.forEach((n, i) => row.set(n.id, i));
    const keys = [...columns.keys()].sort((x, y) => x - y);
    for (const d of keys) renumber(columns.get(d));
    const preds = new Map();
    const succs = new Map();
    for (const e of edges) {
      if (!preds.has(e.to)) preds.set(e.to, []);
      if (!succs.has(e.from)) succs.set(e.from, []);
      preds.get(e.to).push(e.from);
      succs.get(e.from).push(e.to);
    }
    const mean = (ids, fallback) => {
      const known = (ids || []).filter((i) => row.has(i));
      return known.length ? known.reduce((t, i) => t + row.get(i), 0) / known.length : fallback;
    };
    for (let sweep = 0; sweep < 3; sweep++) {
      for (const [order, links] of [[keys.slice(1), preds], [keys.slice(0, -1).reverse(), succs]]) {
        for (const d of order) {
          const column = columns.get(d);
          const weight = new Map(column.map((n) => [n.id, mean(links.get(n.id), row.get(n.id))]));
          column.sort((x, y) => weight.get(x.id) - weight.get(y.id));
          renumber(column);
        }
      }
    }
  }

  function nodeHref(n) {
    if (n.href) return n.href;
    if (n.kind === "article") return CL.path("/articles/", n.article_id || String(n.id).replace(/^article:/, ""));
    return null;
  }

  function draw(graph) {
    const nodes = graph.nodes || [];
    const edges = graph.edges || [];
    CL.clear(holder);
    if (!nodes.length) {
      holder.append(CL.el("p", {}, "No chain to draw."));
      return;
    }
    const depth = layers(nodes, edges);
    const columns = new Map();
    for (const n of nodes) {
      const d = depth.get(n.id);
      if (!columns.has(d)) columns.set(d, []);
      columns.get(d).push(n);
    }
    orderColumns(columns, edges);
    const nCols = Math.max(...columns.keys()) + 1;
    const tallest = Math.max(...[...columns.values()].map((c) => c.length));
    const width = PAD * 2 + nCols * BOX_W + (nCols - 1) * COL_GAP;
    const height = PAD * 2 + tallest * BOX_H + (tallest - 1) * ROW_GAP;
    const pos = new Map();
    for (const [d, column] of columns) {
      const colHeight = column.length * BOX_H + (column.length - 1) * ROW_GAP;
      const top = PAD + (height - PAD * 2 - colHeight) / 2;
      column.forEach((n, i) => pos.set(n.id, { x: PAD + d * (BOX_W + COL_GAP), y: top + i * (BOX_H + ROW_GAP) }));
    }

    const svgEl = CL.svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      width: String(width),
      height: String(height),
      role: "img",
      "aria-label": "chain of retellings: origin, outlets, articles",
      class: "chain-graph",
    });
    const defs = CL.svg(
      "defs",
      {},
      CL.svg(
        "marker",
        { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
        CL.svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#555" })
      )
    );
    svgEl.append(defs);
    const edgeLayer = CL.svg("g", { class: "edges" });
    for (const e of edges) {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) continue;
      const x1 = a.x + BOX_W;
      const y1 = a.y + BOX_H / 2;
      const x2 = b.x;
      const y2 = b.y + BOX_H / 2;
      const mid = (x1 + x2) / 2;
      edgeLayer.append(
        CL.svg("path", {
          d: "M " + x1 + " " + y1 + " C " + mid + " " + y1 + ", " + mid + " " + y2 + ", " + x2 + " " + y2,
          fill: "none",
          stroke: "#555",
          "stroke-width": "1.5",
          "marker-end": "url(#arrow)",
          class: "edge",
          "data-from": e.from,
          "data-to": e.to,
        })
      );
    }
    svgEl.append(edgeLayer);
    const nodeLayer = CL.svg("g", { class: "nodes" });
    for (const n of nodes) {
      const p = pos.get(n.id);
      const label = String(n.label || n.id);
      const color = n.kind === "article" ? "#eeeeee" : CL.colorFor("side", n.side || "unknown");
      const group = CL.svg(
        "g",
        { class: "node node-" + n.kind, "data-node": n.id, "data-kind": n.kind, "data-side": n.side || "" },
        CL.svg("title", {}, label + (n.side ? " (" + n.side + ")" : "") + ", " + n.kind),
        CL.svg("rect", {
          x: String(p.x),
          y: String(p.y),
          width: String(BOX_W),
          height: String(BOX_H),
          rx: "5",
          fill: color,
          "fill-opacity": n.kind === "article" ? "1" : "0.2",
          stroke: n.kind === "article" ? "#888" : color,
          "stroke-width": "2",
        }),
        CL.svg(
          "text",
          {
            x: String(p.x + 8),
            y: String(p.y + BOX_H / 2 + 4),
            "font-size": "12",
            "font-weight": n.kind === "origin" ? "bold" : "normal",
            fill: "#111",
          },
          CL.shorten(label, n.kind === "origin" ? 23 : 27)
        )
      );
      const href = nodeHref(n);
      nodeLayer.append(href ? CL.svg("a", { href }, group) : group);
    }
    svgEl.append(nodeLayer);
    holder.append(svgEl);
    const sides = [...new Set(nodes.filter((n) => n.kind !== "article").map((n) => n.side || "unknown"))].sort();
    const key = CL.el("p", { class: "graph-legend" }, "Bold: an origin. Colour: the side of the source — ");
    for (const side of sides) {
      const swatch = CL.el("span", { class: "swatch" });
      swatch.style.display = "inline-block";
      swatch.style.width = "0.8em";
      swatch.style.height = "0.8em";
      swatch.style.margin = "0 0.25em 0 0.6em";
      swatch.style.backgroundColor = CL.colorFor("side", side);
      key.append(swatch, side);
    }
    key.append(". Grey: the articles.");
    holder.append(key);
    holder.dataset.nodes = String(nodes.length);
    holder.dataset.edges = String(edges.length);
  }

  async function start() {
    holder.dataset.state = "loading";
    try {
      const entry = await CL.getJSON(api);
      draw(entry.graph || { nodes: [], edges: [] });
      holder.dataset.state = "ready";
    } catch (error) {
      holder.dataset.state = "error";
      CL.showError(holder, error);
    }
  }
  start();
})();
