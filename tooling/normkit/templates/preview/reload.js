// normkit preview: reload this page when its edition was rebuilt, at the same scroll
// position; show the build's problems over the page while the sources do not build.
(function () {
  "use strict";
  var key = "normkit-preview-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    // After the page's own layout (and any #fragment jump), back to where the reader was.
    window.addEventListener("load", function () { window.scrollTo(0, parseFloat(saved)); });
  }
  // The build generation this page shows (the waiting page shows none: any build will do).
  var shown = document.querySelector("meta[name=nk-preview-waiting]") ? -1 : null;
  // Tell the preview which page shows, and where (its log of page loads).
  window.addEventListener("load", function () {
    requestAnimationFrame(function () {
      fetch("/__normkit/loaded?path=" + encodeURIComponent(location.pathname) +
            "&y=" + Math.round(window.scrollY), { cache: "no-store" }).catch(function () {});
    });
  });

  function overlay(problems, failed) {
    var box = document.getElementById("nk-preview-problems");
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("aside");
      box.id = "nk-preview-problems";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = "";
    box.className = failed ? "nk-failed" : "";
    var head = document.createElement("h2");
    head.textContent = failed
      ? "The sources do not build; this page shows the last good build."
      : "Built with warnings:";
    box.appendChild(head);
    problems.forEach(function (p) {
      var line = document.createElement("pre");
      line.textContent = p.where + ": " + p.message + (p.hint ? "\n    fix: " + p.hint : "");
      box.appendChild(line);
    });
  }

  var events = new EventSource("/__normkit/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.status === "failed") { overlay(state.problems, true); return; }
    if (state.status !== "built") return;
    if (shown === null) { shown = state.generation; overlay(state.problems, false); return; }
    if (state.generation > shown) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }
  });
})();
