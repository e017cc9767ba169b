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
  // Flows: a step, a band or a path lights what it runs through; a selected one stays lit (Escape clears).
  function flowView(flow) {
    var status = flow.querySelector(".jm-flow-status");
    var pinned = null;
    function all(selector) { return flow.querySelectorAll(selector); }
    function lit(source) {
      var on = [];
      var seq = source.getAttribute("data-pick");
      if (seq !== null) {
        on = Array.prototype.slice.call(all('[data-seq~="' + seq + '"]'));
      } else if (source.classList.contains("jm-flow-band")) {
        on = [source];
        source.getAttribute("data-ends").split(" ").forEach(function (id) { on.push(doc.getElementById(id)); });
      } else {
        on = [source];
        var bands = all('.jm-flow-band[data-ends~="' + source.id + '"]');
        for (var b = 0; b < bands.length; b += 1) {
          on.push(bands[b]);
          bands[b].getAttribute("data-ends").split(" ").forEach(function (id) { on.push(doc.getElementById(id)); });
        }
      }
      return on;
    }
    function light(source) {
      var old = all(".jm-on");
      for (var i = 0; i < old.length; i += 1) { old[i].classList.remove("jm-on"); }
      flow.classList.toggle("jm-flow-lit", source !== null);
      if (status) { status.textContent = source ? source.getAttribute("data-say") : ""; }
      if (source === null) { return; }
      lit(source).forEach(function (element) { if (element) { element.classList.add("jm-on"); } });
    }
    function pin(source) {
      var pressed = all('[aria-pressed="true"]');
      for (var i = 0; i < pressed.length; i += 1) { pressed[i].setAttribute("aria-pressed", "false"); }
      pinned = source === pinned ? null : source;
      if (pinned) { pinned.setAttribute("aria-pressed", "true"); }
      light(pinned);
    }
    function lightable(target) {
      return target instanceof Element ? target.closest(".jm-flow-node, .jm-flow-band, .jm-flow-pick") : null;
    }
    flow.addEventListener("mouseover", function (event) {
      var source = lightable(event.target);
      if (source && !pinned) { light(source); }
    });
    flow.addEventListener("mouseout", function (event) {
      if (!pinned && lightable(event.target) && !lightable(event.relatedTarget)) { light(null); }
    });
    flow.addEventListener("focusin", function (event) {
      var source = lightable(event.target);
      if (source && !pinned) { light(source); }
    });
    flow.addEventListener("focusout", function () { if (!pinned) { light(null); } });
    flow.addEventListener("click", function (event) {
      var source = lightable(event.target);
      if (source && !source.classList.contains("jm-flow-band")) { pin(source); }
    });
    flow.addEventListener("keydown", function (event) {
      var source = lightable(event.target);
      if (source && source.classList.contains("jm-flow-node") && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        pin(source);
      } else if (event.key === "Escape" && pinned) {
        pinned = null;
        pin(null);
      }
    });
    var hidden = all(".jm-flow-hint, .jm-flow-pick-col");
    for (var h = 0; h < hidden.length; h += 1) { hidden[h].hidden = false; }
  }
  var flowViews = doc.querySelectorAll(".jm-flow");
  for (var f = 0; f < flowViews.length; f += 1) { flowView(flowViews[f]); }

  doc.documentElement.classList.add("jm-js");
}());
