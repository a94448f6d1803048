/* The offline base map shared by the dashboard and the event page: governorate and country boundaries
   served by rasd itself (Natural Earth, public domain); an online tile layer only when one is configured. */
(function () {
  "use strict";
  var COUNTRIES = ["syr", "irq"];

  function style(feature) {
    if (feature.properties.kind === "country") {
      return { color: "#5b5146", weight: 2, fill: false, interactive: false };
    }
    return { color: "#a39a8c", weight: 0.8, fillColor: "#f4efe4", fillOpacity: 1, interactive: false };
  }

  function addBasemap(map, tiles, boundariesLabel) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution((boundariesLabel || "Boundaries") + ": Natural Earth (public domain)");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: "Tiles: " + new URL(tiles.replace(/[{}]/g, "")).host }).addTo(map);
    }
    return Promise.all(COUNTRIES.map(function (c) {
      return fetch("/static/basemap/" + c + ".geojson").then(function (r) { return r.json(); });
    })).then(function (collections) {
      var layers = collections.map(function (fc) {
        return L.geoJSON(fc, { style: style, interactive: false });
      });
      if (!tiles) { layers.forEach(function (layer) { layer.addTo(map); layer.bringToBack(); }); }
      else { layers.forEach(function (layer) { layer.setStyle({ fillOpacity: 0 }); layer.addTo(map); }); }
      return layers;
    });
  }

  /* maxZoom must be set on the map itself: without a tile layer Leaflet (and markercluster) cannot know it. */
  function options(extra) {
    var o = { minZoom: 4, maxZoom: 16, zoomSnap: 0.25 };
    Object.keys(extra || {}).forEach(function (k) { o[k] = extra[k]; });
    return o;
  }

  window.rasdBasemap = { add: addBasemap, options: options, bounds: L.latLngBounds([29.0, 35.6], [37.4, 48.6]) };
})();
