/* The page-not-found answer in the reader's language (see trp_handbook/not_found.py).
 *
 * The publishing host answers every missing path with the site's root 404.html.
 * The build puts each other edition's 404 page into that file as a
 * <template data-handbook-language="fr">. This script runs before Material's
 * bundle: when the missing path is inside a language's folder (/fr/...), it
 * shows that language's page (body, lang, title) and hands Material that
 * language's configuration, so search uses the edition's own index. It fetches
 * nothing; on any other page it does nothing. */
(function () {
  "use strict";
  var script = document.currentScript;
  var templates = document.querySelectorAll("template[data-handbook-language]");
  if (!script || templates.length === 0) {
    return;
  }
  // this file is <site root>/assets/javascripts/not-found.js
  var root = new URL("../../", script.src).pathname;
  var path = window.location.pathname;
  if (path.indexOf(root) !== 0) {
    return;
  }
  var folder = path.slice(root.length).split("/")[0];
  var chosen = null;
  for (var i = 0; i < templates.length; i++) {
    if (templates[i].getAttribute("data-handbook-language") === folder) {
      chosen = templates[i];
    }
  }
  var first = templates[0];
  if (chosen !== null) {
    var page = chosen.content.cloneNode(true);
    var config = page.querySelector("#__config");
    document.getElementById("__config").textContent = config.textContent;
    config.parentNode.removeChild(config);
    var body = document.body;
    while (body.firstChild !== null && body.firstChild !== first) {
      body.removeChild(body.firstChild);
    }
    body.insertBefore(page, first);
    document.documentElement.setAttribute("lang", folder);
    document.title = chosen.getAttribute("data-title");
    var description = document.querySelector('meta[name="description"]');
    if (description !== null) {
      description.setAttribute("content", chosen.getAttribute("data-description"));
    }
  }
  for (var j = templates.length - 1; j >= 0; j--) {
    templates[j].parentNode.removeChild(templates[j]);
  }
})();
