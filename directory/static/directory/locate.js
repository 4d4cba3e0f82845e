/* "Use my location": fills the where field with the browser's position. Without
   JavaScript or geolocation the button stays hidden and the form works as is. */
(function () {
  var button = document.querySelector("[data-locate]");
  var field = document.getElementById("where");
  if (!button || !field || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      field.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
      field.form.submit();
    });
  });
})();
