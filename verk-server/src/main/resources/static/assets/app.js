// Verk dashboard: small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  function csrfHeaders() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    var headers = { Accept: "application/json" };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

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

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  function renderTestResult(target, result) {
    target.innerHTML = "";
    var box = document.createElement("div");
    box.className = "result " + (result.success ? "result-ok" : "result-fail");
    var head = document.createElement("div");
    head.className = "row";
    head.appendChild(text("span", "badge " + (result.success ? "badge-succeeded" : "badge-failed"), result.success ? "Succeeded" : "Failed"));
    head.appendChild(text("strong", "", result.success ? "Your endpoint accepted the test event." : "The test delivery failed."));
    box.appendChild(head);
    var meta = document.createElement("dl");
    meta.className = "meta";
    function add(label, value) {
      meta.appendChild(text("dt", "", label));
      meta.appendChild(text("dd", "", value));
    }
    add("Event", result.event || "");
    add("Response status", result.responseStatus == null ? "No response" : String(result.responseStatus));
    add("Response time", result.responseTimeMs == null ? "—" : result.responseTimeMs + " ms");
    if (result.error) add("Error", result.error);
    box.appendChild(meta);
    if (result.deliveryUrl) {
      var link = text("a", "", "Open this delivery");
      link.href = result.deliveryUrl;
      box.appendChild(link);
    }
    target.appendChild(box);
  }

  // "Send Test" answers inline; without JavaScript the same form posts and redirects.
  function asyncForms() {
    document.querySelectorAll("form[data-async]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.fetch) return;
        event.preventDefault();
        var target = document.getElementById(form.getAttribute("data-async"));
        var button = form.querySelector('button[type="submit"]');
        var label = button ? button.textContent : "";
        if (button) {
          button.disabled = true;
          button.textContent = "Sending…";
        }
        target.textContent = "Sending the test event…";
        var body = new URLSearchParams(new FormData(form));
        body.delete("_csrf");
        var url = form.action + (form.action.indexOf("?") < 0 ? "?" : "&") + "inline=1";
        fetch(url, { method: "POST", headers: csrfHeaders(), body: body, credentials: "same-origin" })
          .then(function (response) {
            var type = response.headers.get("Content-Type") || "";
            if (response.redirected || type.indexOf("json") < 0) {
              throw new Error("Your session has ended. Reload the page and sign in again.");
            }
            return response.json().then(function (json) {
              if (!response.ok) throw new Error(json.detail || json.message || "The request failed (" + response.status + ")");
              return json;
            });
          })
          .then(function (json) { renderTestResult(target, json); })
          .catch(function (error) {
            target.innerHTML = "";
            target.appendChild(text("div", "flash flash-error", error.message));
          })
          .finally(function () {
            if (button) {
              button.disabled = false;
              button.textContent = label;
            }
          });
      });
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
    asyncForms();
  });
})();
