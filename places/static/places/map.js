/* Maps of antennas, drawn from the JSON the page carries (json_script).

   Every text of a record (names, addresses, badges) goes into the page as a DOM
   text node (textContent), never as HTML: Leaflet puts strings given to popups,
   tooltips and the attribution into innerHTML, so we only ever give it elements.
   Loaded after Leaflet and Leaflet.markercluster (all three deferred). */
(function () {
  "use strict";
  if (typeof window.L === "undefined") return;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function escapeText(text) {
    // For the one string Leaflet only accepts as HTML (the attribution).
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  function pinIcon() {
    var pin = element("span", "map-pin");
    pin.setAttribute("aria-hidden", "true");
    return L.divIcon({
      html: pin,
      iconSize: [24, 24],
      iconAnchor: [12, 24],
      popupAnchor: [0, -24],
      tooltipAnchor: [12, -12],
      className: "map-pin-icon",
    });
  }

  function popupContent(point) {
    var box = element("div", "map-popup");
    var link = element("a");
    link.href = point.url;
    link.appendChild(element("strong", "", point.title));
    box.appendChild(link);
    if (point.subtitle) box.appendChild(element("div", "map-popup__address", point.subtitle));
    if (point.badge) box.appendChild(element("div", "map-popup__badge", point.badge));
    return box;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-map"));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var map = L.map(container, {
      center: data.center,
      zoom: data.zoom,
      minZoom: data.minZoom,
      maxZoom: data.maxZoom,
    });
    L.control.scale().addTo(map);
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, {
        attribution: escapeText(data.tiles.attribution || ""),
        minZoom: data.minZoom,
        maxZoom: data.maxZoom,
        // The site sends no Referer to other origins; tile servers (OSM's usage
        // policy) ask for the page's origin.
        referrerPolicy: "strict-origin-when-cross-origin",
      }).addTo(map);
    }
    var cluster = L.markerClusterGroup();
    function addPoints(points) {
      points.forEach(function (point) {
        var marker = L.marker([point.lat, point.lon], {
          icon: pinIcon(),
          title: point.title,
          alt: point.title,
        });
        marker.bindPopup(popupContent(point), { maxWidth: 280 });
        marker.bindTooltip(element("span", "", point.title));
        cluster.addLayer(marker);
      });
    }
    addPoints(data.points || []);
    map.addLayer(cluster);
    if (data.source) {
      // The whole directory: markers from our GeoJSON endpoint (same origin).
      fetch(data.source, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("markers: HTTP " + response.status);
          return response.json();
        })
        .then(function (collection) {
          addPoints(
            (collection.features || []).map(function (feature) {
              var properties = feature.properties || {};
              return {
                lat: feature.geometry.coordinates[1],
                lon: feature.geometry.coordinates[0],
                title: String(properties.title || ""),
                subtitle: String(properties.subtitle || ""),
                url: String(properties.url || ""),
                badge: "",
              };
            })
          );
          container.setAttribute("data-markers", String(cluster.getLayers().length));
        })
        .catch(function () {
          container.setAttribute("data-markers", "error");
        });
    }
    if (data.bounds) {
      map.fitBounds(data.bounds, { maxZoom: data.fitMaxZoom, padding: [24, 24] });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), draw);
})();
