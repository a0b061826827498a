// radscrub review page: label / id / "only PHI" filters, pane view, linked highlights.
// Plain DOM, no libraries, no network. Filter state lives in the URL fragment, e.g.
// #q=1042&phi=1&off=DATE,TIME&view=scrubbed&tags=0, so a reload keeps it.
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  var reports = Array.prototype.slice.call(doc.querySelectorAll("article.report"));
  var boxes = Array.prototype.slice.call(doc.querySelectorAll("input.label-filter"));
  var search = doc.getElementById("q");
  var onlyPhi = doc.getElementById("only-phi");
  var tags = doc.getElementById("tags");
  var counter = doc.getElementById("visible-count");
  var views = Array.prototype.slice.call(doc.querySelectorAll("input[name=view]"));

  function currentView() {
    for (var i = 0; i < views.length; i++) if (views[i].checked) return views[i].value;
    return "both";
  }

  function offLabels() {
    var off = {};
    boxes.forEach(function (box) { if (!box.checked) off[box.getAttribute("data-label")] = true; });
    return off;
  }

  function saveState(off) {
    var parts = [];
    var q = search.value.trim();
    if (q) parts.push("q=" + encodeURIComponent(q));
    if (onlyPhi.checked) parts.push("phi=1");
    var offList = Object.keys(off);
    if (offList.length) parts.push("off=" + offList.join(","));
    if (currentView() !== "both") parts.push("view=" + currentView());
    if (!tags.checked) parts.push("tags=0");
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try { history.replaceState(null, "", url); }
    catch (e) { /* some viewers forbid history on file: URLs; the filters still work */ }
  }

  function loadState() {
    var hash = location.hash.replace(/^#/, "");
    if (!hash) return;
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      var key = eq < 0 ? part : part.slice(0, eq);
      var value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
      if (key === "q") search.value = value;
      else if (key === "phi") onlyPhi.checked = value === "1";
      else if (key === "tags") tags.checked = value !== "0";
      else if (key === "view") views.forEach(function (v) { v.checked = v.value === value; });
      else if (key === "off") {
        var off = value.split(",");
        boxes.forEach(function (box) {
          box.checked = off.indexOf(box.getAttribute("data-label")) < 0;
        });
      }
    });
  }

  function apply() {
    var off = offLabels();
    boxes.forEach(function (box) {
      body.classList.toggle("hide-" + box.getAttribute("data-label"), !box.checked);
    });
    var needle = search.value.trim().toLowerCase();
    var shown = 0;
    reports.forEach(function (report) {
      var ok = true;
      if (needle) {
        var id = (report.getAttribute("data-id") || "").toLowerCase();
        var patient = (report.getAttribute("data-patient") || "").toLowerCase();
        ok = id.indexOf(needle) >= 0 || patient.indexOf(needle) >= 0;
      }
      if (ok && onlyPhi.checked) {
        var labels = (report.getAttribute("data-labels") || "").split(" ");
        ok = labels.some(function (label) { return label && !off[label]; });
      }
      report.hidden = !ok;
      if (ok) shown++;
    });
    body.setAttribute("data-view", currentView());
    body.classList.toggle("no-tags", !tags.checked);
    counter.textContent = shown + " of " + reports.length + " reports shown";
    counter.setAttribute("data-shown", String(shown));
    saveState(off);
  }

  function setAll(checked) {
    boxes.forEach(function (box) { box.checked = checked; });
    apply();
  }

  function link(event, on) {
    var mark = event.target.closest ? event.target.closest("mark[data-i]") : null;
    if (!mark) return;
    var report = mark.closest("article.report");
    var pairs = report.querySelectorAll('mark[data-i="' + mark.getAttribute("data-i") + '"]');
    Array.prototype.forEach.call(pairs, function (m) { m.classList.toggle("linked", on); });
  }

  loadState();
  boxes.concat([onlyPhi, tags]).concat(views).forEach(function (el) {
    el.addEventListener("change", apply);
  });
  search.addEventListener("input", apply);
  doc.getElementById("labels-all").addEventListener("click", function () { setAll(true); });
  doc.getElementById("labels-none").addEventListener("click", function () { setAll(false); });
  var main = doc.getElementById("reports");
  main.addEventListener("mouseover", function (e) { link(e, true); });
  main.addEventListener("mouseout", function (e) { link(e, false); });
  apply();
  doc.documentElement.setAttribute("data-review-ready", "1");
})();
