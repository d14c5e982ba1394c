// The map page: claims as points from /api/map, coloured by side or type, clustered when
// dense, re-queried from the filter form, replayed over time with the #day slider, and the
// occupied-area polygon of the chosen day when reference maps are loaded.
"use strict";

(function () {
  const CL = window.CL;
  const L = window.L;
  const CAP = 20000; // points fetched at most; more would make the browser crawl
  const PAGE = 5000;
  const FILTERS = ["since", "until", "type", "side", "status", "source"];

  const root = CL.app();
  const container = document.getElementById("map");
  if (!root || !container || !L) return;
  const api = root.dataset.api || "/api/map";
  const form = document.getElementById("filters");
  const slider = document.getElementById("day");
  const dayLabel = document.getElementById("day-label");
  const note = document.getElementById("reference-note");

  // markercluster needs a maxZoom, which a tile layer would otherwise bring
  const map = L.map(container, { minZoom: 2, maxZoom: 18, worldCopyJump: true });
  map.setView([48.5, 37.5], 6);
  if (root.dataset.tiles) {
    L.tileLayer(root.dataset.tiles, {
      maxZoom: 18,
      attribution: root.dataset.tilesAttribution || "",
    }).addTo(map);
  } else {
    container.classList.add("no-tiles");
    landOutline();
  }
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    iconCreateFunction: clusterIcon,
    disableClusteringAtZoom: 13,
    spiderfyOnMaxZoom: true,
    showCoverageOnHover: false,
    chunkedLoading: true,
  });
  map.addLayer(clusters);
  // the page's own #legend when it has one, else a box on the map
  let legendBox = document.getElementById("legend");
  if (!legendBox) {
    legendBox = CL.el("div", { class: "map-legend", id: "legend" });
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => legendBox;
    legend.addTo(map);
  }

  // Offline, the land of Natural Earth (1:50m, coasts only) stands in for tiles; it ships in
  // vendor/ and needs no network. topojson-client is loaded only then.
  async function landOutline() {
    try {
      await loadScript("/static/vendor/topojson-client/topojson-client.min.js");
      const response = await fetch("/static/vendor/world-atlas/land-50m.json");
      const topo = await response.json();
      map.createPane("land");
      map.getPane("land").style.zIndex = "250";
      const land = window.topojson.feature(topo, topo.objects.land);
      // Antarctica's ring runs along the pole, which Web Mercator cannot draw
      const polar = (polygon) => polygon[0].every(([, lat]) => lat < -55);
      for (const feature of land.features || [land]) {
        if (feature.geometry && feature.geometry.type === "MultiPolygon") {
          feature.geometry.coordinates = feature.geometry.coordinates.filter((p) => !polar(p));
        }
      }
      L.geoJSON(land, {
        pane: "land",
        interactive: false,
        style: { color: "#8a96a3", weight: 1, fillColor: "#efe6cf", fillOpacity: 1 },
      }).addTo(map);
      container.dataset.land = "shown";
    } catch (error) {
      container.dataset.land = "missing"; // points and areas still show without it
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = CL.el("script", { src });
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error("could not load " + src)));
      document.head.append(script);
    });
  }

  // A cluster is a small pie of its markers' colours with their count in the middle.
  function clusterIcon(cluster) {
    const shares = new Map();
    const children = cluster.getAllChildMarkers();
    for (const m of children) shares.set(m.options.fillColor, (shares.get(m.options.fillColor) || 0) + 1);
    let at = 0;
    const stops = [];
    for (const [color, n] of [...shares.entries()].sort((x, y) => y[1] - x[1])) {
      const end = at + (n / children.length) * 360;
      stops.push(color + " " + at.toFixed(1) + "deg " + end.toFixed(1) + "deg");
      at = end;
    }
    const size = children.length < 10 ? 30 : children.length < 100 ? 36 : 44;
    const pie = CL.el("div", { class: "cluster-pie" }, CL.el("span", {}, String(children.length)));
    pie.style.width = size + "px";
    pie.style.height = size + "px";
    pie.style.borderRadius = "50%";
    pie.style.background = "conic-gradient(" + stops.join(", ") + ")";
    pie.style.margin = "0";
    pie.style.border = "2px solid #fff";
    pie.style.boxShadow = "0 0 0 1px #555";
    pie.style.display = "flex";
    pie.style.alignItems = "center";
    pie.style.justifyContent = "center";
    const label = pie.firstChild;
    label.style.background = "rgba(255,255,255,0.9)";
    label.style.borderRadius = "8px";
    label.style.padding = "0 4px";
    label.style.font = "bold 11px sans-serif";
    label.style.color = "#111";
    return L.divIcon({ html: pie, className: "marker-cluster claim-cluster", iconSize: L.point(size + 4, size + 4) });
  }

  let points = []; // from the API, in date order
  let days = []; // the slider's steps
  let referenceDays = [];
  const referenceCache = new Map();
  let referenceLayer = null;
  let loadToken = 0;

  function colorMode() {
    const field = form && form.elements.namedItem("color");
    return field && field.value === "type" ? "type" : "side";
  }

  function colorKey(p, mode) {
    return mode === "type" ? p.type : CL.sideKey(p.side);
  }

  function popup(p) {
    const links = CL.el("p", { class: "popup-links" });
    if (p.entry_id) links.append(CL.el("a", { href: CL.path("/entries/", p.entry_id) }, "entry"), " ");
    links.append(CL.el("a", { href: CL.path("/articles/", p.article_id) }, "article"));
    const place = p.place_id
      ? CL.el("a", { href: CL.path("/places/", p.place_id) }, p.place || p.place_id)
      : p.place || "";
    return CL.el(
      "div",
      { class: "map-popup", dataset: { claim: p.claim_id, article: p.article_id } },
      CL.el("strong", {}, place),
      CL.el(
        "dl",
        {},
        CL.el("dt", {}, "date"),
        CL.el("dd", {}, p.date || "unknown"),
        CL.el("dt", {}, "type"),
        CL.el("dd", {}, p.type || ""),
        CL.el("dt", {}, "status"),
        CL.el("dd", {}, p.status || ""),
        CL.el("dt", {}, "side"),
        CL.el("dd", {}, p.side || "unknown"),
        CL.el("dt", {}, "origin"),
        CL.el("dd", {}, p.origin || "")
      ),
      links
    );
  }

  function marker(p, mode) {
    const color = CL.colorFor(mode, colorKey(p, mode));
    const m = L.circleMarker([p.lat, p.lon], {
      radius: 7,
      color: "#222",
      weight: 1,
      fillColor: color,
      fillOpacity: 0.85,
      className: "claim-marker",
    });
    m.bindPopup(() => popup(p));
    return m;
  }

  function drawLegend(shown, mode) {
    const box = legendBox;
    CL.clear(box);
    const counts = new Map();
    for (const p of shown) {
      const key = colorKey(p, mode);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    box.append(CL.el("strong", {}, mode === "type" ? "type" : "side"));
    for (const [key, n] of [...counts.entries()].sort()) {
      const swatch = CL.el("span", { class: "swatch" });
      swatch.style.display = "inline-block";
      swatch.style.width = "0.8em";
      swatch.style.height = "0.8em";
      swatch.style.borderRadius = "50%";
      swatch.style.marginLeft = "0.8em";
      swatch.style.backgroundColor = CL.colorFor(mode, key);
      box.append(CL.el("div", { class: "legend-row" }, swatch, " " + key + " (" + n + ")"));
    }
  }

  function isDay(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }

  function visiblePoints() {
    if (!days.length || !slider || Number(slider.value) >= days.length - 1) return points;
    const day = days[Number(slider.value)];
    // claims without a full date (none, or a day without a year) show only at the end
    return points.filter((p) => isDay(p.date) && p.date <= day);
  }

  function render() {
    const mode = colorMode();
    const shown = visiblePoints();
    clusters.clearLayers();
    clusters.addLayers(shown.map((p) => marker(p, mode)));
    drawLegend(shown, mode);
    const places = [...new Set(shown.map((p) => p.place).filter(Boolean))].sort();
    container.dataset.points = String(shown.length);
    container.dataset.total = String(points.length);
    container.dataset.places = places.join("|");
  }

  function setUpSlider() {
    const set = new Set(points.map((p) => p.date).filter(isDay));
    for (const d of referenceDays) set.add(d);
    days = [...set].sort();
    if (!slider) return;
    slider.min = "0";
    slider.max = String(Math.max(days.length - 1, 0));
    slider.step = "1";
    slider.value = slider.max;
    slider.disabled = days.length < 2;
    updateDayLabel();
  }

  function chosenDay() {
    if (!days.length) return null;
    return days[Math.min(Number(slider ? slider.value : days.length - 1), days.length - 1)];
  }

  function updateDayLabel() {
    if (!dayLabel) return;
    const day = chosenDay();
    dayLabel.textContent = day ? "up to " + day : "no dated claims";
  }

  async function showReference() {
    if (!referenceDays.length) {
      if (note) note.textContent = "No reference map is loaded; only claims are shown.";
      return;
    }
    const day = chosenDay();
    // the latest reference map on or before the chosen day
    let refDay = null;
    for (const d of referenceDays) if (!day || d <= day) refDay = d;
    if (referenceLayer) {
      map.removeLayer(referenceLayer);
      referenceLayer = null;
      delete container.dataset.reference;
    }
    if (!refDay) {
      if (note) note.textContent = "No reference map on or before " + day + ".";
      return;
    }
    try {
      if (!referenceCache.has(refDay)) {
        referenceCache.set(refDay, await CL.getJSON(CL.path("/api/reference/", refDay)));
      }
      if (chosenDay() !== day) return; // the slider moved on while this loaded
      referenceLayer = L.geoJSON(referenceCache.get(refDay), {
        interactive: false,
        style: { color: "#a93226", weight: 1, fillColor: "#e6b0aa", fillOpacity: 0.35 },
      }).addTo(map);
      referenceLayer.bringToBack();
      container.dataset.reference = refDay;
      if (note) note.textContent = "Occupied area from the reference map of " + refDay + ".";
    } catch (error) {
      if (note) note.textContent = "Reference map of " + refDay + ": " + error.message;
    }
  }

  // Fits the map to where most points are: a few far away (a statement made in Washington)
  // would otherwise shrink the front to a dot. Those stay on the map, outside the first view.
  function fit() {
    const shown = visiblePoints().length ? visiblePoints() : points;
    if (!shown.length) return;
    const lats = shown.map((p) => p.lat).sort((x, y) => x - y);
    const lons = shown.map((p) => p.lon).sort((x, y) => x - y);
    const cut = shown.length >= 20 ? Math.floor(shown.length * 0.05) : 0;
    const last = shown.length - 1 - cut;
    const bounds = L.latLngBounds([lats[cut], lons[cut]], [lats[last], lons[last]]);
    map.fitBounds(bounds.pad(0.3), { maxZoom: 9 });
  }

  async function load() {
    const token = ++loadToken;
    container.dataset.state = "loading";
    const params = CL.formParams(form, FILTERS);
    params.set("limit", String(PAGE));
    try {
      const { items, truncated } = await CL.getAll(CL.withParams(api, params), CAP);
      if (token !== loadToken) return;
      points = items.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
      setUpSlider();
      render();
      fit();
      const status = document.getElementById("map-status");
      if (status) {
        status.textContent =
          points.length + " placed claim(s)" + (truncated ? " (the first " + CAP + " only)" : "");
      }
      await showReference();
      container.dataset.state = "ready";
    } catch (error) {
      container.dataset.state = "error";
      CL.showError(note || container, error);
    }
  }

  async function start() {
    try {
      referenceDays = (await CL.getJSON("/api/reference/days")).items;
    } catch (error) {
      referenceDays = [];
    }
    await load();
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    form.addEventListener("change", (event) => {
      if (event.target && event.target.name === "color") render();
      else if (event.target && event.target.name !== "source") load();
    });
  }
  if (slider) {
    slider.addEventListener("input", () => {
      updateDayLabel();
      render();
      showReference();
    });
  }
  start();
})();
