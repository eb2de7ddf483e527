/* Progressive enhancement: follow the generation without reloading; without JS the <noscript>
   refresh in the head does the same. */
(function () {
  var box = document.getElementById("voortgang");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("aanmaak-voortgang");
  var text = document.getElementById("aanmaak-bericht");
  var stand = document.getElementById("aanmaak-stand");
  function poll() {
    fetch(box.dataset.progressUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        if (stand) { stand.textContent = data.generation_status_display; }
        text.textContent = data.message + " (" + data.progress + "%)";
        var steps = document.getElementById("aanmaak-stappen");
        if (steps) {
          steps.querySelectorAll("li").forEach(function (li) {
            var state = data.progress >= +li.dataset.end ? "done" : (data.progress >= +li.dataset.start ? "current" : "todo");
            li.className = "step-" + state;
            li.querySelector(".step-state").textContent = "(" + steps.dataset[state] + ")";
          });
        }
        if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
