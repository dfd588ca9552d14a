// response-lint HTML report: filters by severity and rule, and n/p to move between findings.
// Runs from a file: no server, no request.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var shown = document.getElementById("shown");
  function checked(name) {
    var on = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  function apply() {
    var sev = checked("severity"), rule = checked("rule"), visible = {}, count = 0;
    findings.forEach(function (f) {
      var on = sev[f.dataset.severity] !== false && rule[f.dataset.rule] !== false;
      f.hidden = !on;
      if (on) { visible[f.id] = true; count += 1; }
    });
    marks.forEach(function (m) {
      var any = m.dataset.f.split(" ").some(function (id) { return visible[id]; });
      m.classList.toggle("off", !any);
    });
    document.querySelectorAll(".counts tbody tr").forEach(function (row) {
      row.hidden = rule[row.dataset.rule] === false;
    });
    shown.textContent = count === findings.length
      ? "Showing all " + count + " findings."
      : "Showing " + count + " of " + findings.length + " findings.";
  }
  form.addEventListener("change", apply);
  form.querySelectorAll("button[data-all], button[data-none]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.dataset.all || button.dataset.none;
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { box.checked = !!button.dataset.all; });
      apply();
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (event.key !== "n" && event.key !== "p") return;
    var visible = findings.filter(function (f) { return !f.hidden; });
    if (!visible.length) return;
    var at = visible.indexOf(document.activeElement);
    var next = event.key === "n" ? (at + 1) % visible.length : (at <= 0 ? visible.length - 1 : at - 1);
    visible[next].focus();
    visible[next].scrollIntoView({ block: "center" });
    event.preventDefault();
  });
  apply();
})();
