// Helpers shared by the page scripts: JSON fetching, paging, and DOM building.
// Everything from the server is data: it reaches the page through textContent and attributes
// set one by one, never through innerHTML, so article text cannot become markup.
"use strict";

(function () {
  const SIDE_COLORS = {
    RU: "#c0392b",
    UA: "#1f6fb2",
    international: "#7d3c98",
    other: "#7f8c8d",
    unknown: "#b7950b",
  };
  const TYPE_COLORS = {
    territorial_control: "#c0392b",
    attack: "#e67e22",
    losses: "#8e44ad",
    capture_of_personnel: "#16a085",
    weapons_seizure: "#2c3e50",
    deployment: "#27ae60",
    allegation: "#d35400",
    denial: "#2980b9",
    statement: "#7f8c8d",
  };
  const FALLBACK = ["#1abc9c", "#f39c12", "#9b59b6", "#34495e", "#e84393", "#00b894"];

  function colorFor(kind, key) {
    const table = kind === "type" ? TYPE_COLORS : SIDE_COLORS;
    if (key in table) return table[key];
    let h = 0;
    for (const ch of String(key)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return FALLBACK[h % FALLBACK.length];
  }

  // A side as the map legend names it: ua / ru / other / unknown.
  function sideKey(side) {
    if (side === "RU" || side === "UA" || side === "unknown") return side;
    return side ? "other" : "unknown";
  }

  // GET by default; `options` for a POST ({method, body, headers}). A JSON error body's
  // one-line `error` becomes the thrown Error's message.
  async function getJSON(url, options) {
    const opts = options || {};
    const headers = Object.assign({ Accept: "application/json" }, opts.headers || {});
    const response = await fetch(url, Object.assign({}, opts, { headers }));
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && body.error ? body.error : response.status + " " + response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // Follows `next` links until there are none or `cap` items are in hand.
  async function getAll(url, cap) {
    const items = [];
    let next = url;
    let truncated = false;
    while (next) {
      const page = await getJSON(next);
      for (const item of page.items) items.push(item);
      next = page.next;
      if (next && items.length >= cap) {
        truncated = true;
        break;
      }
    }
    return { items: items.slice(0, cap), truncated: truncated || items.length > cap };
  }

  // el("a", {href: "/x", class: "y", dataset: {k: "v"}}, "text", childNode...)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "dataset") {
        for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      } else if (name === "text") {
        node.textContent = String(value);
      } else if (name === "style" || name.startsWith("on")) {
        // inline styles and handlers would fall foul of the CSP (and of good sense)
        throw new Error("el(): attribute " + name + " is not allowed");
      } else if (name === "href" && !safeHref(String(value))) {
        continue;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
  }

  // Only our own relative links and http(s) links: never javascript: or data: URLs.
  function safeHref(href) {
    if (href.startsWith("/") && !href.startsWith("//")) return true;
    try {
      const url = new URL(href, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch (e) {
      return false;
    }
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // The non-empty values of the named fields of a form, as query parameters.
  function formParams(form, names) {
    const params = new URLSearchParams();
    if (!form) return params;
    for (const name of names) {
      const field = form.elements.namedItem(name);
      if (field && field.value !== undefined && String(field.value).trim() !== "") {
        params.set(name, String(field.value).trim());
      }
    }
    return params;
  }

  function withParams(url, params) {
    const query = params.toString();
    if (!query) return url;
    return url + (url.includes("?") ? "&" : "?") + query;
  }

  function path(prefix, id) {
    return prefix + encodeURIComponent(String(id));
  }

  function shorten(text, n) {
    const s = String(text || "");
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  // "origin → … → outlet" from a claim's chain names (and the outlet when it is not last).
  function chainText(names, outlet) {
    const parts = (names || []).slice();
    if (outlet && parts[parts.length - 1] !== outlet) parts.push(outlet);
    return parts.join(" → ");
  }

  function quantityText(q) {
    const bits = [];
    if (q.qualifier && q.qualifier !== "exactly") bits.push(q.qualifier.replace(/_/g, " "));
    bits.push(String(q.value));
    if (q.category) bits.push(q.category.replace(/_/g, " "));
    if (q.outcome) bits.push(q.outcome);
    return bits.join(" ");
  }

  function app() {
    return document.getElementById("app");
  }

  // A problem shown to the reader in the given element (and kept out of the console).
  function showError(node, error) {
    if (!node) return;
    node.appendChild(el("p", { class: "error", role: "alert" }, "Could not load: " + error.message));
  }

  window.CL = {
    SIDE_COLORS,
    TYPE_COLORS,
    colorFor,
    sideKey,
    getJSON,
    getAll,
    el,
    svg,
    clear,
    formParams,
    withParams,
    path,
    shorten,
    chainText,
    quantityText,
    app,
    showError,
  };
})();
