// Drag and drop onto the upload area; without script the file input works as usual.
(function () {
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("file-input");
  var label = document.getElementById("file-name");
  if (!zone || !input) { return; }
  function show() { label.textContent = input.files.length ? input.files[0].name : ""; }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
})();

// While an upload is checked, say which page of a scan is being read (polled; see
// app/web/progress.py). Without script the form works as usual, without this line.
(function () {
  var form = document.getElementById("upload-form");
  var key = document.getElementById("progress-key");
  var status = document.getElementById("ocr-progress");
  if (!form || !key || !status || !window.fetch || !window.crypto) { return; }
  form.addEventListener("submit", function () {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    key.value = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    status.hidden = false;
    status.textContent = "Đang rà soát…";
    function poll() {
      fetch("/tien-do/" + key.value, {credentials: "same-origin", cache: "no-store"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.trang) {
            status.textContent = "Đang nhận dạng ký tự (OCR) trang " + data.trang + "/" + data.so_trang + "…";
          }
        })
        .catch(function () { return null; })
        .then(function () { window.setTimeout(poll, 700); });
    }
    window.setTimeout(poll, 300);
  });
})();
