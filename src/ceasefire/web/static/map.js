/* The dashboard's map: shipped base layers (no tiles), the line of contact of the selected
   date, zones, protected objects, and incidents counted into grid cells on the server.
   Plain JS, Leaflet's canvas renderer. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var publicMode = el.dataset.mode === "public";
  var form = document.getElementById("map-filters");
  var totalEl = document.getElementById("map-total");
  var cellsEl = document.getElementById("map-cells");
  var COLOURS = {
    confirmed: "#0072b2", probable: "#56b4e9", possible: "#e69f00",
    unverified: "#cc79a7", discounted: "#999999"
  };
  var PARTY = { RU: "#8c510a", UA: "#01665e" };
  var map = L.map(el, {
    preferCanvas: true, zoomSnap: 1, minZoom: 4, maxZoom: 14,
    worldCopyJump: false, attributionControl: true, keyboard: true
  }).fitBounds([[44.2, 22.0], [52.4, 40.3]]);
  // one canvas per pane, so that drawing order never depends on which layer loaded last
  function pane(name, z) {
    map.createPane(name).style.zIndex = String(z);
    return L.canvas({ pane: name, padding: 0.3 });
  }
  var baseRenderer = pane("base", 250);
  var zoneRenderer = pane("zones", 390);
  var lineRenderer = pane("line", 400);
  var renderer = pane("cells", 450);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("base map, oblasts and lines: shipped layers (see DATA-NOTICE)");

  function getJSON(url, signal) {
    return fetch(url, { credentials: "same-origin", signal: signal }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // base: countries and oblasts, drawn once
  var oblasts = L.geoJSON(null, {
    renderer: baseRenderer, pane: "base", interactive: false,
    style: { color: "#9aa5b1", weight: 0.7, fill: false }
  });
  getJSON("/geo/countries.geojson").then(function (data) {
    L.geoJSON(data, {
      renderer: baseRenderer, pane: "base", interactive: false,
      style: function (f) {
        var ua = (f.properties.name || "") === "Ukraine";
        return { color: "#7b8794", weight: 1, fillColor: ua ? "#ffffff" : "#eceff2", fillOpacity: 1 };
      }
    }).addTo(map);
    getJSON("/geo/oblasts.geojson").then(function (d) { oblasts.addData(d).addTo(map); });
  });

  var zones = L.geoJSON(null, {
    renderer: zoneRenderer, pane: "zones",
    style: function (f) {
      var c = PARTY[f.properties.party] || "#555";
      return { color: c, weight: 0.8, opacity: 0.7, dashArray: "4 3", fillColor: c, fillOpacity: 0.04 };
    },
    onEachFeature: function (f, layer) {
      var p = f.properties;
      layer.bindTooltip(p.party + " side, " + p.distance_km + " km (" + p.agreement + ", " + p.term + ")");
    }
  });
  var line = L.geoJSON(null, {
    renderer: lineRenderer, pane: "line", interactive: false, style: { color: "#1c2430", weight: 3, opacity: 0.95 }
  });
  var objects = L.geoJSON(null, {
    pointToLayer: function (f, latlng) {
      var icon = L.divIcon({
        className: "", iconSize: [13, 13],
        html: '<div class="object-icon' + (f.properties.in_force ? "" : " off") + '"></div>'
      });
      return L.marker(latlng, { icon: icon, keyboard: false, title: f.properties.name, pane: "markerPane" })
        .bindTooltip(f.properties.name + (f.properties.in_force ? " (protected that day)" : ""));
    }
  });
  var cells = L.layerGroup().addTo(map);
  zones.addTo(map); line.addTo(map); objects.addTo(map);
  L.control.layers(null, {
    "Line of contact": line, "Withdrawal zones": zones, "Protected objects": objects, "Oblasts": oblasts
  }, { collapsed: false, position: "topright" }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  function filters() {
    var q = new URLSearchParams();
    if (!form) return q;
    var data = new FormData(form);
    ["start", "end", "party", "act", "attribution"].forEach(function (k) {
      var v = data.get(k);
      if (v) q.set(k, v);
    });
    var levels = data.getAll("confidence");
    if (levels.length && levels.length < form.querySelectorAll("[name=confidence]").length) {
      levels.forEach(function (v) { q.append("confidence", v); });
    } else if (!levels.length) {
      q.append("confidence", "none");
    }
    return q;
  }

  function referenceDay() {
    var end = form && form.elements.end.value;
    if (!end) return el.dataset.last || "";
    var d = new Date(end + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  var shownDay = null;
  function loadReference() {
    var day = referenceDay();
    if (day === shownDay) return;
    shownDay = day;
    var q = day ? "?date=" + day : "";
    getJSON("/geo/line.geojson" + q).then(function (d) { line.clearLayers().addData(d); });
    getJSON("/geo/zones.geojson" + q).then(function (d) { zones.clearLayers().addData(d); });
    getJSON("/geo/objects.geojson" + q).then(function (d) { objects.clearLayers().addData(d); });
  }

  function list(obj) {
    return Object.keys(obj).map(function (k) { return k.replace(/_/g, " ") + " " + obj[k]; }).join(", ");
  }

  function popup(c) {
    var html = "<h3>" + c.count + (c.count === 1 ? " incident" : " incidents") + "</h3>" +
      "<div><strong>Confidence:</strong> " + list(c.by_confidence) + "</div>" +
      "<div><strong>Attribution:</strong> " + list(c.by_attribution) + "</div>" +
      "<div><strong>Parties:</strong> " + list(c.parties) + "</div>";
    if (c.incident_id) html += '<p><a href="/incidents/' + c.incident_id + '">Open ' + c.incident_id + "</a></p>";
    else if (!publicMode && c.count > 1) html += '<p class="muted">Zoom in to split this cell.</p>';
    return html;
  }

  var inflight = null, timer = null;
  function loadCells() {
    if (inflight) inflight.abort();
    inflight = new AbortController();
    var b = map.getBounds();
    var q = filters();
    q.set("bbox", [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()),
                   Math.min(180, b.getEast()), Math.min(90, b.getNorth())].map(function (v) { return v.toFixed(4); }).join(","));
    q.set("zoom", map.getZoom());
    el.dataset.loading = "1";
    var asked = performance.now();
    var url = (publicMode ? "/api/public/map/incidents?" : "/api/map/incidents?") + q.toString();
    getJSON(url, inflight.signal).then(function (grid) {
      var received = performance.now();
      cells.clearLayers();
      var biggest = grid.cells.reduce(function (m, c) { return Math.max(m, c.count); }, 1);
      grid.cells.forEach(function (c) {
        var style = {
          renderer: renderer, pane: "cells",
          radius: 4 + 16 * Math.sqrt(c.count / biggest),
          fillColor: COLOURS[c.confidence] || "#999", fillOpacity: 0.82,
          color: c.attribution === "not_attributable" ? "#ffffff" : "#1c2430",
          weight: c.attribution === "not_attributable" ? 1 : 2,
          dashArray: c.attribution === "contested" ? "4 3" : null
        };
        L.circleMarker([c.lat, c.lon], style).bindPopup(popup(c)).addTo(cells);
      });
      totalEl.textContent = grid.total.toLocaleString("en");
      el.dataset.total = String(grid.total);
      if (cellsEl) cellsEl.textContent = grid.cells.length + " cells of " + grid.cell_deg + "°";
      var drawn = performance.now();
      // Timings for the browser tests: request (server + network) and drawing, in ms.
      el.dataset.fetchMs = (received - asked).toFixed(1);
      el.dataset.drawMs = (drawn - received).toFixed(1);
      el.dataset.cells = String(grid.cells.length);
      el.dataset.loading = "";
    }).catch(function (err) {
      if (err.name === "AbortError") return;
      totalEl.textContent = "—";
      el.dataset.loading = "";
      el.dataset.error = String(err.message || err);
    });
  }
  function reload() {
    clearTimeout(timer);
    timer = setTimeout(function () { loadReference(); loadCells(); }, 120);
  }

  // the time slider: moves the window [start, end) day by day, keeping its length
  function days(a, b) { return Math.round((new Date(b) - new Date(a)) / 86400000); }
  function plus(a, n) { var d = new Date(a + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
  if (form) {
    var slider = document.getElementById("f-slider");
    var label = document.getElementById("f-slider-label");
    var first = form.dataset.first, last = form.dataset.last;
    slider.max = String(Math.max(1, days(first, last)));
    var syncSlider = function () {
      slider.value = String(days(first, form.elements.end.value || last));
      label.textContent = "window ends " + (form.elements.end.value || last);
    };
    syncSlider();
    slider.addEventListener("input", function () {
      var width = Math.max(1, days(form.elements.start.value || first, form.elements.end.value || last));
      var end = plus(first, Number(slider.value));
      form.elements.end.value = end;
      form.elements.start.value = plus(end, -width);
      label.textContent = "window ends " + end;
      reload();
    });
    form.addEventListener("change", function (e) { if (e.target !== slider) { syncSlider(); reload(); } });
    form.addEventListener("submit", function (e) { e.preventDefault(); reload(); });
  }
  map.on("moveend", reload);
  if (publicMode) {
    getJSON("/api/public/map/extent").then(function (x) {
      if (x.last) el.dataset.last = x.last.slice(0, 10);
      reload();
    }).catch(reload);
  } else {
    reload();
  }
})();
