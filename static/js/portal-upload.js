/* The product form on a phone: shows how far the upload has got, photo by photo.
 *
 * Progressive enhancement: without this script the form is an ordinary
 * multipart POST. With it, the same POST is sent by XMLHttpRequest so that its
 * upload progress can be shown; the files are sent in order, so each photo's bar
 * follows the bytes sent so far. The server's answer replaces the page exactly
 * as a normal submit would (a redirect is followed; a form with errors, which
 * keeps the accepted photos, is shown).
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-upload-form]");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = form.querySelector("[data-photo-input]");
  var list = form.querySelector("[data-upload-progress]");
  var status = form.querySelector("[data-upload-status]");
  var bars = [];

  function megabytes(bytes) { return (bytes / 1048576).toFixed(1) + " MB"; }

  function listFiles() {
    bars = [];
    if (!list || !input) return;
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      var label = document.createElement("span");
      var bar = document.createElement("progress");
      label.textContent = file.name + " (" + megabytes(file.size) + ")";
      bar.max = file.size || 1;
      bar.value = 0;
      item.appendChild(label);
      item.appendChild(bar);
      list.appendChild(item);
      bars.push({ bar: bar, size: file.size });
    });
    list.hidden = bars.length === 0;
  }

  if (input) input.addEventListener("change", listFiles);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    var data = new FormData(form);
    // The photos come last in the request body: what is sent before them is the
    // rest of the form, small next to them.
    var photoBytes = bars.reduce(function (sum, b) { return sum + b.size; }, 0);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var sent = Math.max(0, e.loaded - (e.total - photoBytes));
      bars.forEach(function (b) {
        b.bar.value = Math.max(0, Math.min(b.size, sent));
        sent -= b.size;
      });
      if (status) status.textContent = form.dataset.uploading + " " + Math.floor(100 * e.loaded / e.total) + "%";
    });
    xhr.addEventListener("load", function () {
      // The request followed the redirect already (and used up its one-time
      // message): show that page as it came, under its own address.
      if (xhr.responseURL && xhr.responseURL.split("#")[0] !== form.action.split("#")[0]) {
        window.history.replaceState(null, "", xhr.responseURL);
      }
      // The page written in keeps this page's Content-Security-Policy, whose nonce
      // differs from the one the server put in the answer: its inline scripts (our
      // own server's, fetched by this script) are given this page's nonce.
      var nonced = document.querySelector("script[nonce]");
      var html = xhr.responseText;
      if (nonced && nonced.nonce) {
        html = html.replace(/<script nonce="[^"]*"/g, '<script nonce="' + nonced.nonce + '"');
      }
      document.open();
      document.write(html);
      document.close();
    });
    xhr.addEventListener("error", function () {
      if (button) button.disabled = false;
      if (status) status.textContent = form.dataset.uploadFailed;
    });
    xhr.send(data);
  });
})();
