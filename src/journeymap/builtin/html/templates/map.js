(function () {
  "use strict";
  var doc = document;
  var panel = doc.getElementById("jm-detail");
  var panelBody = panel.querySelector(".jm-panel-body");
  var closer = panel.querySelector(".jm-close");
  var lanes = doc.getElementById("jm-lanes");
  var opener = null;

  function show(item) {
    var body = item.querySelector(".jm-body");
    if (!body) { return; }
    while (panelBody.firstChild) { panelBody.removeChild(panelBody.firstChild); }
    var copy = body.cloneNode(true);
    var named = copy.querySelectorAll("[id]");
    for (var i = 0; i < named.length; i += 1) { named[i].removeAttribute("id"); }
    panelBody.appendChild(copy);
    mark(false);
    panel.setAttribute("data-for", item.id);
    opener = item.querySelector("summary");
    mark(true);
    panel.hidden = false;
    panel.focus();
  }

  function mark(on) {
    var shown = doc.getElementById(panel.getAttribute("data-for") || "");
    if (shown) { shown.classList.toggle("jm-current", on); }
  }

  function hide() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    mark(false);
    panel.removeAttribute("data-for");
    if (opener) { opener.focus(); }
    opener = null;
  }

  doc.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var summary = target.closest(".jm-item > summary");
    if (summary) {
      event.preventDefault();
      show(summary.parentElement);
      return;
    }
    var point = target.closest(".jm-point");
    if (point) {
      var item = doc.getElementById(point.getAttribute("data-target") || "");
      if (item) { show(item); }
    }
  });

  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });

  closer.addEventListener("click", hide);

  var summaries = doc.querySelectorAll(".jm-item > summary");
  for (var s = 0; s < summaries.length; s += 1) {
    summaries[s].setAttribute("aria-haspopup", "dialog");
    summaries[s].setAttribute("aria-controls", "jm-detail");
  }

  lanes.hidden = false;
  lanes.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement)) { return; }
    var row = doc.getElementById("jm-lane-" + box.value);
    if (row) { row.hidden = !box.checked; }
  });
  var head = doc.querySelector(".jm-map thead");
  function measure() {  // lane names stick just under the stage row, whose height the text decides
    if (head) { doc.documentElement.style.setProperty("--jm-stage-row", head.offsetHeight + "px"); }
  }
  measure();
  window.addEventListener("resize", measure);
  doc.documentElement.classList.add("jm-js");
}());
