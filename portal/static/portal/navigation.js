/* The main menu on phones: a "Menu" button opens and closes the list of links.
   Without JavaScript the button stays hidden and the links are always shown. */
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  if (!nav) return;
  var button = nav.querySelector(".site-nav__toggle");
  var list = nav.querySelector(".site-nav__list");
  if (!button || !list) return;
  var narrow = window.matchMedia("(max-width: 47.99rem)");

  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }

  function layout() {
    if (narrow.matches) {
      button.hidden = false;
      set(false);
    } else {
      button.hidden = true;
      list.hidden = false;
    }
  }

  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
  if (narrow.addEventListener) narrow.addEventListener("change", layout);
  layout();
})();
