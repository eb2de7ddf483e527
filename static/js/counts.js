/* The counts in the navigation (open work, unread notifications) when the page was rendered
   without them: fetched once, so a page never pays for the queries of Mijn werk. */
(function () {
  var script = document.currentScript;
  if (!script || !window.fetch) { return; }
  fetch(script.dataset.countsUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
    .then(function (response) { return response.json(); })
    .then(function (data) {
      document.querySelectorAll("[data-count]").forEach(function (badge) {
        var name = badge.dataset.count;
        badge.querySelector(".nav-count-number").textContent = data[name];
        badge.querySelector(".nav-count-label").textContent = data.labels[name];
        badge.hidden = !data[name];
      });
    })
    .catch(function () {});
})();
