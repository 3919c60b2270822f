// Verk dashboard: small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // Controls that only make sense with JavaScript are hidden in the markup and shown here.
  function revealEnhancements() {
    document.querySelectorAll("[data-js-only]").forEach(function (el) {
      el.hidden = false;
    });
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        var text = source.value !== undefined && source.tagName === "INPUT" ? source.value : source.textContent;
        var label = button.textContent;
        var done = function (message) {
          button.textContent = message;
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.trim()).then(function () { done("Copied"); }, function () { done("Copy failed"); });
        } else {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          try {
            document.execCommand("copy");
            done("Copied");
          } catch (e) {
            done("Press Ctrl+C");
          }
        }
      });
    });
  }

  // "Select all" per event group and overall, with the indeterminate state in between.
  function eventPickers() {
    document.querySelectorAll("[data-event-picker]").forEach(function (picker) {
      var all = picker.querySelector("[data-all-events]");
      var groups = picker.querySelectorAll("[data-group-all]");
      var events = picker.querySelectorAll("[data-event]");
      function sync() {
        groups.forEach(function (g) {
          var members = picker.querySelectorAll('[data-event][data-group="' + g.getAttribute("data-group-all") + '"]');
          var checked = Array.prototype.filter.call(members, function (m) { return m.checked; }).length;
          g.checked = checked === members.length;
          g.indeterminate = checked > 0 && checked < members.length;
        });
        if (all) {
          var total = Array.prototype.filter.call(events, function (m) { return m.checked; }).length;
          all.checked = total === events.length;
          all.indeterminate = total > 0 && total < events.length;
        }
      }
      groups.forEach(function (g) {
        g.addEventListener("change", function () {
          picker.querySelectorAll('[data-event][data-group="' + g.getAttribute("data-group-all") + '"]').forEach(function (m) {
            m.checked = g.checked;
          });
          sync();
        });
      });
      if (all) {
        all.addEventListener("change", function () {
          events.forEach(function (m) { m.checked = all.checked; });
          sync();
        });
      }
      events.forEach(function (m) { m.addEventListener("change", sync); });
      sync();
    });
  }

  // Secret: "generate" hides the field for a provided secret.
  function secretChoice() {
    document.querySelectorAll("[data-secret-choice]").forEach(function (box) {
      var field = document.getElementById(box.getAttribute("data-secret-choice"));
      function sync() {
        var provide = box.querySelector('input[value="provide"]');
        if (field && provide) field.hidden = !provide.checked;
      }
      box.addEventListener("change", sync);
      sync();
    });
  }

  // After a rejected submit, move focus to the error summary so screen readers hear it first.
  function focusOnLoad() {
    var target = document.querySelector("[data-focus-on-load]");
    if (target) target.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusOnLoad();
    revealEnhancements();
    copyButtons();
    eventPickers();
    secretChoice();
  });
})();
