/* normkit — small behaviours of a standard's page. No words here: every text the
 * reader sees comes from the page. Works from file:// and without a server. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Switching edition keeps the reader on the same clause: ids are the same in
    // every edition (labels or numbers), so the fragment carries over.
    document.querySelectorAll("a.nk-edition").forEach(function (a) {
      a.addEventListener("click", function () {
        if (location.hash) a.href = a.href.split("#")[0] + location.hash;
      });
    });

    // Contents: a sidebar on wide screens (always open), collapsible on phones.
    var toc = document.querySelector(".nk-toc details");
    var wide = window.matchMedia("(min-width: 64em)");
    function placeToc() {
      if (toc) toc.open = wide.matches;
    }
    placeToc();
    if (wide.addEventListener) wide.addEventListener("change", placeToc);
    if (toc) {
      toc.querySelector("summary").addEventListener("click", function (event) {
        if (wide.matches) event.preventDefault();
      });
      toc.addEventListener("click", function (event) {
        if (!wide.matches && event.target.closest("a")) toc.open = false;
      });
    }

    // Wide tables scroll sideways on a phone instead of widening the page.
    document.querySelectorAll(".nk-body table").forEach(function (table) {
      if (table.parentElement.classList.contains("nk-table-wrap")) return;
      var wrap = document.createElement("div");
      wrap.className = "nk-table-wrap";
      wrap.tabIndex = 0; // a region that scrolls must be reachable from the keyboard
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });

    // Highlight the clause being read in the contents.
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = {};
    toc.querySelectorAll("a[href^='#']").forEach(function (a) {
      links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
    });
    var current = null;
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          var link = links[entry.target.id];
          if (!link) return;
          if (current) current.classList.remove("nk-current");
          current = link;
          current.classList.add("nk-current");
        });
      },
      { rootMargin: "0px 0px -70% 0px" }
    );
    Object.keys(links).forEach(function (id) {
      var section = document.getElementById(id);
      if (section) observer.observe(section);
    });
  });
})();
