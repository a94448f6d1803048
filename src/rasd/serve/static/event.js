/* The event page's small map: the base map and the event's point. */
(function () {
  "use strict";
  var el = document.getElementById("event-map");
  var point = JSON.parse(document.getElementById("rasd-point").textContent);
  if (!el) { return; }
  var map = L.map(el, window.rasdBasemap.options({ scrollWheelZoom: false })).fitBounds(window.rasdBasemap.bounds);
  window.rasdBasemap.add(map, point.tiles, point.boundaries).then(function () {
    if (point.lat !== null && point.lon !== null) {
      L.circleMarker([point.lat, point.lon], { radius: 8, color: "#222", weight: 2, fillColor: "#d62728", fillOpacity: 0.9 })
        .addTo(map);
      map.setView([point.lat, point.lon], 7);
    }
  });
})();
