/* normkit — search over the text of every standard of the framework.
 *
 * The index (search-index.js, window.NK_SEARCH_INDEX) holds one entry per clause and
 * term entry of every built standard page. Matching is by substring, case-insensitive,
 * every word of the query required: Chinese needs no word segmentation. No words
 * here: the messages come from the form's data-results / data-none attributes.
 */
(function () {
  "use strict";

  var index = window.NK_SEARCH_INDEX || { pages: [], entries: [] };
  var form = document.getElementById("nk-search");
  var input = document.getElementById("nk-search-q");
  var status = document.getElementById("nk-search-status");
  var list = document.getElementById("nk-search-results");
  if (!form || !input || !list) return;

  var prepared = index.entries.map(function (e) {
    return { e: e, h: (e.h || "").toLowerCase(), t: (e.t || "").toLowerCase() };
  });

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function search(query) {
    var words = terms(query);
    if (!words.length) return [];
    var hits = [];
    prepared.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var inHead = item.h.indexOf(words[i]) >= 0;
        var inText = item.t.indexOf(words[i]) >= 0;
        if (!inHead && !inText) return;
        score += (inHead ? 10 : 0) + (inText ? 1 : 0);
      }
      hits.push({ item: item, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits;
  }

  /* Append text to parent, with every occurrence of the words marked. */
  function marked(parent, text, words) {
    var lower = text.toLowerCase();
    var pos = 0;
    while (pos < text.length) {
      var next = -1, len = 0;
      words.forEach(function (w) {
        var at = lower.indexOf(w, pos);
        if (at >= 0 && (next < 0 || at < next)) { next = at; len = w.length; }
      });
      if (next < 0) break;
      parent.appendChild(document.createTextNode(text.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + len);
      parent.appendChild(mark);
      pos = next + len;
    }
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function snippet(text, words) {
    var lower = text.toLowerCase();
    var at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0) return text.slice(0, 120);
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, at + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(query) {
    list.textContent = "";
    var words = terms(query);
    if (!words.length) { status.textContent = ""; return; }
    var hits = search(query);
    status.textContent = hits.length
      ? form.getAttribute("data-results").replace("{n}", String(hits.length))
      : form.getAttribute("data-none");
    hits.slice(0, 200).forEach(function (hit) {
      var e = hit.item.e;
      var page = index.pages[e.p] || { url: "", number: "", title: "" };
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "nk-hit-title";
      a.href = page.url + "#" + encodeURIComponent(e.a);
      marked(a, e.h || page.title, words);
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "nk-hit-where";
      where.textContent = page.number + " " + page.title;
      li.appendChild(where);
      var text = document.createElement("span");
      text.className = "nk-hit-text";
      marked(text, snippet(e.t || "", words), words);
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      if (window.history && history.replaceState) {
        var url = input.value ? "?q=" + encodeURIComponent(input.value) : location.pathname;
        history.replaceState(null, "", url);
      }
    }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });

  var params = new URLSearchParams(location.search);
  if (params.get("q")) {
    input.value = params.get("q");
    show(input.value);
  }
})();
