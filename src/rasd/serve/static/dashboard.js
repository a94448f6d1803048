/* The dashboard: events of the page's filters on the map (size by fatalities, colour by type, clustered where
   dense) and a timeline of events per day by type, both drawn from /api/events. No build step. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("rasd-config").textContent);
  var MAX_EVENTS = 5000;
  var PAGE = 1000;
  var SVG = "http://www.w3.org/2000/svg";
  var status = document.getElementById("map-status");
  var label = function (k) { return cfg.labels[k] || k; };
  var color = function (type) { return cfg.colors[type] || "#888888"; };

  function fetchAll(url, offset, acc) {
    return fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "limit=" + PAGE + "&offset=" + offset)
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (page) {
        acc = acc.concat(page.items);
        if (page.next_offset !== null && acc.length < MAX_EVENTS) { return fetchAll(url, page.next_offset, acc); }
        return { items: acc, capped: page.next_offset !== null };
      });
  }

  function radius(fatalities) { return 5 + Math.min(18, 3 * Math.sqrt(fatalities || 0)); }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }

  function popup(ev) {
    var box = document.createElement("div");
    box.className = "popup";
    var link = text("a", (cfg.types[ev.event_type] || ev.event_type) + " · " + (ev.event_date || "?"));
    link.href = cfg.event_url.replace("{id}", encodeURIComponent(ev.id));
    box.appendChild(link);
    box.appendChild(text("div", ev.location || ""));
    box.appendChild(text("div", [ev.actor1, ev.actor2].filter(Boolean).join(" · ")));
    box.appendChild(text("div", label("ev.fatalities") + ": " + (ev.fatalities === null ? "–" : ev.fatalities)));
    if (ev.contested) { box.appendChild(text("div", label("ev.contested"), "badge contested")); }
    return box;
  }

  function drawMap(map, events) {
    var cluster = L.markerClusterGroup({ maxClusterRadius: 35, disableClusteringAtZoom: 11, showCoverageOnHover: false });
    var placed = 0;
    events.forEach(function (ev) {
      if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") { return; }
      var marker = L.circleMarker([ev.latitude, ev.longitude], {
        radius: radius(ev.fatalities), fillColor: color(ev.event_type), fillOpacity: 0.8,
        color: ev.contested ? "#111111" : "#ffffff", weight: ev.contested ? 2.5 : 1, className: "event-marker"
      });
      marker.bindPopup(function () { return popup(ev); });
      cluster.addLayer(marker);
      placed += 1;
    });
    map.addLayer(cluster);
    return placed;
  }

  function bucketOf(days) { return days > 2000 ? "month" : days > 400 ? "week" : "day"; }

  function bucketKey(date, bucket) {
    if (bucket === "month") { return date.slice(0, 7) + "-01"; }
    if (bucket === "week") {
      var d = new Date(date + "T00:00:00Z");
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    }
    return date;
  }

  function nextKey(key, bucket) {
    var d = new Date(key + "T00:00:00Z");
    if (bucket === "month") { d.setUTCMonth(d.getUTCMonth() + 1); }
    else { d.setUTCDate(d.getUTCDate() + (bucket === "week" ? 7 : 1)); }
    return d.toISOString().slice(0, 10);
  }

  function lastDay(key, bucket) {
    if (bucket === "day") { return key; }
    var d = new Date(nextKey(key, bucket) + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  function timelineData(events) {
    var dates = events.map(function (e) { return e.event_date; }).filter(Boolean).sort();
    if (!dates.length) { return null; }
    var span = (Date.parse(dates[dates.length - 1]) - Date.parse(dates[0])) / 86400000;
    var bucket = bucketOf(span);
    var counts = {};
    events.forEach(function (e) {
      if (!e.event_date) { return; }
      var k = bucketKey(e.event_date, bucket);
      counts[k] = counts[k] || {};
      counts[k][e.event_type] = (counts[k][e.event_type] || 0) + 1;
    });
    var keys = [];
    for (var k = bucketKey(dates[0], bucket), end = bucketKey(dates[dates.length - 1], bucket); k <= end; k = nextKey(k, bucket)) {
      keys.push(k);
    }
    return { bucket: bucket, keys: keys, counts: counts };
  }

  function svgEl(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (a) { el.setAttribute(a, attrs[a]); });
    return el;
  }

  function drawTimeline(box, events) {
    box.textContent = "";
    var data = timelineData(events);
    if (!data) { box.appendChild(text("p", label("map.none"), "empty")); return; }
    var width = Math.max(box.clientWidth || 600, 300), height = 150, pad = { l: 30, r: 8, t: 8, b: 22 };
    var max = 1;
    data.keys.forEach(function (k) {
      var c = data.counts[k] || {}, sum = 0;
      Object.keys(c).forEach(function (t) { sum += c[t]; });
      max = Math.max(max, sum);
    });
    var svg = svgEl("svg", { width: width, height: height, role: "img", "aria-label": label("timeline.title"), id: "timeline-svg" });
    var bw = (width - pad.l - pad.r) / data.keys.length, scale = (height - pad.t - pad.b) / max;
    svg.appendChild(svgEl("line", { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, stroke: "#999" }));
    var axis = svgEl("text", { x: pad.l - 4, y: pad.t + 8, "text-anchor": "end", "font-size": 10, fill: "#555" });
    axis.textContent = String(max);
    svg.appendChild(axis);
    data.keys.forEach(function (k, i) {
      var c = data.counts[k] || {}, y = height - pad.b;
      Object.keys(cfg.colors).concat(Object.keys(c).filter(function (t) { return !cfg.colors[t]; })).forEach(function (t) {
        if (!c[t]) { return; }
        var h = c[t] * scale;
        y -= h;
        var rect = svgEl("rect", { x: pad.l + i * bw, y: y, width: Math.max(bw - 1, 1), height: h, fill: color(t), "class": "bar", "data-date": k, "data-type": t });
        var title = svgEl("title", {});
        title.textContent = k + " · " + (cfg.types[t] || t) + ": " + c[t];
        rect.appendChild(title);
        var a = svgEl("a", { href: cfg.filter_url + "&since=" + k + "&until=" + lastDay(k, data.bucket) });
        a.appendChild(rect);
        svg.appendChild(a);
      });
    });
    var ticks = Math.min(data.keys.length, Math.max(2, Math.floor(width / 110)));
    for (var j = 0; j < ticks; j++) {
      var idx = Math.round(j * (data.keys.length - 1) / Math.max(ticks - 1, 1));
      var anchor = ticks > 1 && j === 0 ? "start" : ticks > 1 && j === ticks - 1 ? "end" : "middle";
      var tx = svgEl("text", { x: pad.l + (anchor === "start" ? idx * bw : anchor === "end" ? (idx + 1) * bw : (idx + 0.5) * bw),
        y: height - 6, "text-anchor": anchor, "font-size": 10, fill: "#555" });
      tx.textContent = data.bucket === "month" ? data.keys[idx].slice(0, 7) : data.keys[idx];
      svg.appendChild(tx);
    }
    box.appendChild(svg);
    var note = text("p", label("timeline." + data.bucket), "note");
    note.dir = document.documentElement.dir || "ltr";
    box.appendChild(note);
  }

  var map = L.map("map", window.rasdBasemap.options()).fitBounds(window.rasdBasemap.bounds);
  window.rasdBasemap.add(map, cfg.tiles, label("map.boundaries"));
  if (!cfg.api) { status.textContent = label("map.none"); return; }
  status.textContent = label("map.loading");
  fetchAll(cfg.api, 0, []).then(function (result) {
    var placed = drawMap(map, result.items);
    status.textContent = label("map.events").replace("{n}", placed).replace("{total}", result.items.length) +
      (result.capped ? " " + label("map.capped").replace("{n}", MAX_EVENTS) : "");
    status.setAttribute("data-placed", placed);
    status.setAttribute("data-loaded", result.items.length);
    var box = document.getElementById("timeline");
    drawTimeline(box, result.items);
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { drawTimeline(box, result.items); }, 200);
    });
    document.body.setAttribute("data-ready", "1");
  }).catch(function (err) {
    if (window.console) { console.error(err); }
    status.textContent = label("map.failed") + " (" + String(err && err.message || err) + ")";
    document.body.setAttribute("data-ready", "error");
  });
})();
