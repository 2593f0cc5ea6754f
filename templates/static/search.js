/* The search page: start Pagefind's default UI, run the search in ?q= (from the search
   box in every page header), and tell screen-reader users how many results there are.
   A large site's index comes in parts (merge.json in the bundle lists the others), which
   Pagefind searches as one. Without this script (or without the index) the fallback links
   stay visible. */
(function () {
  "use strict";
  var container = document.getElementById("search");
  if (!container || typeof window.PagefindUI !== "function") return;
  var baseUrl = container.getAttribute("data-base-url") || "/";
  var bundlePath = container.getAttribute("data-bundle-path") || "/pagefind/";

  function start(mergeIndex) {
    var ui = new window.PagefindUI({
      element: "#search",
      baseUrl: baseUrl,
      bundlePath: bundlePath,
      mergeIndex: mergeIndex,
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    var fallback = document.getElementById("search-fallback");
    if (fallback) fallback.hidden = true;

    // Pagefind's UI updates its result count silently; mirror it into a polite live region.
    var status = document.getElementById("search-status");
    var timer = null;
    function announce() {
      var message = container.querySelector(".pagefind-ui__message");
      var text = message ? message.textContent.trim() : "";
      if (status && status.textContent !== text) status.textContent = text;
    }
    new MutationObserver(function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(announce, 400);
    }).observe(container, { childList: true, subtree: true, characterData: true });

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  fetch(bundlePath + "merge.json")
    .then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
    .catch(function () { return { bundles: [] }; })
    .then(function (merge) {
      start((merge.bundles || []).map(function (part) {
        return { bundlePath: bundlePath + part, baseUrl: baseUrl };
      }));
    });
})();
