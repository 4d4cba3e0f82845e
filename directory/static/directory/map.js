/* folium writes popups with jQuery's $(html)[0]; we do not ship jQuery, so a minimal
   stand-in turns an HTML string into its element. Loaded before the map scripts. */
(function () {
  if (typeof window.$ === "undefined") {
    window.$ = function (html) {
      var template = document.createElement("template");
      template.innerHTML = String(html).trim();
      return [template.content.firstElementChild];
    };
  }
})();
