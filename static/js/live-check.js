/* The live check of the supplier's grid: while a figure or toelichting is typed, the grid is
   posted (debounced) to the server's check (the same validation saving uses) and each cell shows
   what is wrong. Nothing is stored; without this script the messages appear after saving. */
(function () {
  var form = document.querySelector("form[data-check-url]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("live-check-status");
  var timer = null;
  var current = null;  // the cell prefix being typed in
  var prefixOf = function (name) { var m = /^(cel-\d+-\d+-\d+)-/.exec(name || ""); return m && m[1]; };

  function show(prefix, result) {
    var box = document.getElementById(prefix + "-live");
    var input = document.getElementById(prefix + "-waarde");
    if (!box) { return; }
    var lines = [];
    if (result.error) { lines.push({message: result.error, error: true}); }
    (result.findings || []).forEach(function (f) { lines.push(f); });
    box.textContent = "";
    lines.forEach(function (line) {
      var p = document.createElement("span");
      p.className = line.error ? "error" : "help";
      p.textContent = line.message;
      box.appendChild(p);
    });
    if (input) {
      if (lines.some(function (l) { return l.error; })) { input.setAttribute("aria-invalid", "true"); }
      else if (!input.dataset.savedError) { input.removeAttribute("aria-invalid"); }
    }
    if (prefix === current && status) {
      status.textContent = lines.length ? lines.map(function (l) { return l.message; }).join(" ")
        : status.dataset.okText;
    }
  }

  function check() {
    fetch(form.dataset.checkUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {"Accept": "application/json"}
    })
      .then(function (response) { return response.ok ? response.json() : {cells: {}}; })
      .then(function (data) {
        Object.keys(data.cells).forEach(function (prefix) { show(prefix, data.cells[prefix]); });
      })
      .catch(function () {});
  }

  form.addEventListener("input", function (event) {
    var prefix = prefixOf(event.target.name);
    if (!prefix) { return; }
    current = prefix;
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  });
})();
