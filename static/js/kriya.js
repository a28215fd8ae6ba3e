/* Pasar Kriya: small progressive enhancements. Every page works without them. */
(function () {
  "use strict";

  // Product gallery: tapping a thumbnail shows it as the main photo. Without
  // this script the thumbnail is a plain link to the full-size image.
  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var main = gallery.querySelector("[data-gallery-main]");
    var mainImg = main && main.querySelector("img");
    if (!mainImg) return;
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        mainImg.src = thumb.dataset.large;
        main.href = thumb.href;
        gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.setAttribute("aria-current", other === thumb ? "true" : "false");
        });
      });
    });
  });

  // A form that asks before it does something for good (data-confirm is the question).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // Sort menus apply as soon as a choice is made (the button is for no-JS).
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
