// The article page: hovering or focusing a <mark> in #text fills #details with what the ledger
// knows of it, from /api/articles/{id}: a place's resolution and candidates, a claim's type,
// status, chain, figures and date, a source's name and side. Nested marks (a place inside a
// claim) are all described, innermost first.
"use strict";

(function () {
  const CL = window.CL;
  const root = CL.app();
  const text = document.getElementById("text");
  const details = document.getElementById("details");
  if (!root || !text || !details) return;
  const id = root.dataset.article;
  const api = root.dataset.api || CL.path("/api/articles/", id);

  let data = null;
  const mentions = new Map();
  const claims = new Map();
  const sources = new Map();
  let current = null;

  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.append(CL.el("dt", {}, term), CL.el("dd", {}, value));
  }

  function placeLine(place) {
    const where = [place.admin2, place.admin1, place.country].filter(Boolean).join(", ");
    return [
      place.id ? CL.el("a", { href: CL.path("/places/", place.id) }, place.name || place.id) : place.name,
      where ? " (" + where + ")" : "",
    ];
  }

  function describePlace(m) {
    const dl = CL.el("dl", {});
    row(dl, "text", m.text);
    row(dl, "status", m.status);
    if (typeof m.confidence === "number") row(dl, "confidence", m.confidence.toFixed(2));
    if (m.place) {
      row(dl, "resolved to", CL.el("span", { class: "resolved" }, placeLine(m.place)));
      row(dl, "id", m.place.id);
      if (typeof m.place.lat === "number") {
        row(dl, "coordinates", m.place.lat.toFixed(4) + ", " + m.place.lon.toFixed(4) + " (" + (m.place.precision || "point") + ")");
      }
    } else {
      row(dl, "resolved to", "nothing: " + m.status);
    }
    if (m.flags && m.flags.length) row(dl, "flags", CL.el("span", { class: "flags" }, m.flags.join(", ")));
    const candidates = (m.candidates || []).map((c) =>
      CL.el(
        "li",
        { dataset: { place: c.id || "" } },
        placeLine(c),
        typeof c.score === "number" ? " — score " + c.score.toFixed(2) : ""
      )
    );
    return CL.el(
      "section",
      { class: "detail detail-place", dataset: { kind: "place", mention: m.id } },
      CL.el("h3", {}, "Place"),
      dl,
      CL.el("h4", {}, "Candidates"),
      candidates.length ? CL.el("ol", { class: "candidates" }, candidates) : CL.el("p", {}, "none")
    );
  }

  function describeClaim(c) {
    const dl = CL.el("dl", {});
    row(dl, "type", c.type);
    row(dl, "status", c.status);
    row(dl, "chain", CL.chainText(c.chain_names));
    if (c.date && (c.date.start || c.date.text)) {
      const span = c.date.end && c.date.end !== c.date.start ? c.date.start + " – " + c.date.end : c.date.start;
      row(dl, "date", [span || "", c.date.precision && c.date.precision !== "none" ? " (" + c.date.precision + ")" : "", c.date.text ? " “" + c.date.text + "”" : ""].join(""));
    }
    if (c.quantities && c.quantities.length) {
      row(dl, "figures", CL.el("ul", { class: "quantities" }, c.quantities.map((q) => CL.el("li", {}, CL.quantityText(q)))));
    }
    if (c.place_names && c.place_names.length) row(dl, "places", [...new Set(c.place_names)].join(", "));
    if (c.acled) row(dl, "ACLED", c.acled.event_type + " / " + c.acled.sub_event_type);
    const entry = c.entry_id || c.entry;
    if (entry) row(dl, "ledger entry", CL.el("a", { href: CL.path("/entries/", entry) }, String(entry)));
    return CL.el(
      "section",
      { class: "detail detail-claim", dataset: { kind: "claim", claim: c.id } },
      CL.el("h3", {}, "Claim " + c.id),
      dl
    );
  }

  function describeSource(s) {
    const dl = CL.el("dl", {});
    row(dl, "name", s.name);
    row(dl, "kind", s.kind);
    row(dl, "side", s.side);
    row(dl, "anonymous", s.anonymous ? "yes" : "no");
    return CL.el(
      "section",
      { class: "detail detail-source", dataset: { kind: "source", source: s.id } },
      CL.el("h3", {}, "Source"),
      dl
    );
  }

  function describe(mark) {
    const ds = mark.dataset;
    if (ds.mention && mentions.has(ds.mention)) return describePlace(mentions.get(ds.mention));
    if (ds.claim && claims.has(ds.claim)) return describeClaim(claims.get(ds.claim));
    if (ds.source && sources.has(ds.source)) return describeSource(sources.get(ds.source));
    return null;
  }

  function show(target) {
    const inner = target && target.closest ? target.closest("mark") : null;
    if (!inner || !text.contains(inner) || inner === current || !data) return;
    current = inner;
    const marks = [];
    for (let m = inner; m && m !== text; m = m.parentElement) if (m.tagName === "MARK") marks.push(m);
    const parts = marks.map(describe).filter(Boolean);
    CL.clear(details);
    for (const m of text.querySelectorAll("mark.active")) m.classList.remove("active");
    inner.classList.add("active");
    details.append(...parts);
    details.dataset.kind = parts.length ? parts[0].dataset.kind : "";
  }

  async function start() {
    // marks take the keyboard focus too, so the details are not for mouse users only
    for (const mark of text.querySelectorAll("mark")) if (!mark.hasAttribute("tabindex")) mark.setAttribute("tabindex", "0");
    try {
      data = await CL.getJSON(api);
    } catch (error) {
      CL.showError(details, error);
      return;
    }
    for (const m of data.mentions || []) mentions.set(m.id, m);
    for (const c of data.claims || []) claims.set(c.id, c);
    for (const s of data.sources || []) sources.set(s.id, s);
    details.dataset.state = "ready";
    text.addEventListener("mouseover", (event) => show(event.target));
    text.addEventListener("focusin", (event) => show(event.target));
  }
  start();
})();
