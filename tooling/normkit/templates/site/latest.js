{#- _static/nk-latest.js of the public site: every released page loads it (a script, not a
    fetch: it works from file:// too) with its standard, version and edition and the
    words of its language; when the site holds a newer version of that standard, the page
    says so under its top bar, with a link to the same edition of the newest version at
    the same place (clause ids outlive versions). -#}
/* Written by `normkit site`: each standard's released versions, oldest first, and the
 * pages of the newest one from the site's root. */
const NK_LATEST = {{ latest|tojson }};
(function () {
  const me = document.currentScript;
  const standard = me && NK_LATEST[me.dataset.slug];
  if (!standard) return;
  const versions = standard.versions;
  const newest = versions[versions.length - 1];
  if (!versions.includes(me.dataset.version) || me.dataset.version === newest) return;
  const page = standard.pages[me.dataset.edition];
  const show = function () {
    const note = document.createElement("div");
    note.className = "nk-banner nk-banner-superseded nk-banner-newer";
    note.setAttribute("role", "note");
    const text = document.createElement("span");
    text.className = "nk-banner-text";
    text.textContent = me.dataset.text.replace("{version}", newest);
    note.append(text);
    if (page) {
      const link = document.createElement("a");
      link.href = new URL("../" + page, me.src).href + location.hash;
      link.textContent = me.dataset.link.replace("{version}", newest);
      note.append(link);
    }
    const bar = document.querySelector(".nk-topbar");
    if (bar) bar.after(note);
    else document.body.prepend(note);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
