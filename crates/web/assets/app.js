// Progressive enhancement for the tiaowen pages. Everything works without this file;
// it adds the copy-citation buttons and a few keyboard and form conveniences.
(function () {
  "use strict";

  // Copies text with the async clipboard API where the page may use it, else through
  // a temporary selection (older browsers, pages served over plain http to a LAN).
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy failed"));
      }
    });
  }

  function flash(button, message, state) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = message;
    button.setAttribute("data-state", state);
    window.clearTimeout(button._restore);
    button._restore = window.setTimeout(function () {
      button.textContent = original;
      button.removeAttribute("data-state");
    }, 2000);
  }

  function setUpCopyButtons() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy") || "";
        copyText(text).then(
          function () {
            document.body.setAttribute("data-last-copied", text);
            flash(button, "已复制 Copied", "ok");
          },
          function () {
            flash(button, "请手动复制 Select to copy", "failed");
          }
        );
      });
    });
  }

  // "/" focuses the query box, as on many search sites.
  function setUpSlashKey() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
        target.tagName === "SELECT" || target.isContentEditable);
      var box = document.querySelector("#q, .header-search input[name=q]");
      if (!typing && box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  // A changed select filter applies at once when there is a query to rerun.
  function setUpFilterAutoSubmit() {
    var form = document.getElementById("search");
    var query = document.getElementById("q");
    if (!form || !query) {
      return;
    }
    var selects = form.querySelectorAll("aside.filters select");
    Array.prototype.forEach.call(selects, function (select) {
      select.addEventListener("change", function () {
        if (query.value.trim() === "") {
          return;
        }
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      });
    });
  }

  // Empty fields stay out of the URL so that bookmarks stay short.
  function setUpCleanUrls() {
    var form = document.getElementById("search");
    if (!form) {
      return;
    }
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value === "" && field.name !== "q") {
          field.disabled = true;
        }
      });
      // Re-enable after navigation is queued, for the back/forward cache.
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.elements, function (field) {
          field.disabled = false;
        });
      }, 0);
    });
  }

  // On a phone the filters would push the results below the fold: fold them away (the
  // active ones still show as chips above the results).
  function setUpFilterFolding() {
    var box = document.querySelector("#filters");
    if (box && window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
      box.open = false;
    }
  }

  function start() {
    setUpFilterFolding();
    setUpCopyButtons();
    setUpSlashKey();
    setUpFilterAutoSubmit();
    setUpCleanUrls();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
