/* Suggestions in the header search box while the buyer types (progressive enhancement).
 * Fills the input's <datalist> from /search/suggest/?q= (products, crafts, regions,
 * artisans); without script the box is a plain search form. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  if (!list) { return; }
  var timer = null;
  var lastAsked = "";

  function fill(data) {
    var names = [];
    (data.products || []).forEach(function (item) { names.push(item.title); });
    ["crafts", "regions", "artisans"].forEach(function (kind) {
      (data[kind] || []).forEach(function (item) { names.push(item.name); });
    });
    list.textContent = "";
    names.filter(function (name, i) { return names.indexOf(name) === i; }).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 2 || q === lastAsked) { return; }
    lastAsked = q;
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q);
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { if (input.value.trim() === q) { fill(data); } })
      .catch(function () { /* suggestions are a help, never an error */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  });
})();
