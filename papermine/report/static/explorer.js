/* papermine report: each council's governance graph, explorable by year.
 *
 * The graphs are read from the JSON block #papermine-graphs (written by
 * papermine/report/graphview.py) and drawn with Cytoscape.js at the positions
 * papermine laid out, so the view matches the print picture and bodies stay
 * put from year to year. A graph is built when its section comes near the
 * screen, so a report of many councils opens quickly. Text from the papers is
 * only ever put on the page with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var source = document.getElementById("papermine-graphs");
  if (!source || typeof window.cytoscape !== "function") {
    return;                                   // no graphs: the print pictures stay
  }
  var DATA = JSON.parse(source.textContent);
  var EVIDENCE = DATA.evidence;
  var ZOOM_STEP = 1.25;
  var FIT_PADDING = 24;
  var graphs = {};
  window.papermineGraphs = graphs;            // for tests and for the curious, from the console
  document.documentElement.classList.add("js");

  var STYLE = [
    {selector: "node", style: {
      "background-color": "data(colour)", "label": "data(label)", "width": 16, "height": 16,
      "font-size": 11, "color": "#222", "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "wrap", "text-max-width": "130px",
      "text-outline-color": "#fff", "text-outline-width": 2}},
    {selector: "edge", style: {
      "width": 1.4, "line-color": "#8a8a8a", "target-arrow-color": "#8a8a8a",
      "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9,
      "label": "data(label)", "font-size": 9, "color": "#444", "text-rotation": "autorotate",
      "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": "1px"}},
    {selector: "edge[line = 'dotted']", style: {"line-style": "dotted"}},
    {selector: "edge[line = 'dashed'], edge[line = 'dashdot']", style: {"line-style": "dashed"}},
    {selector: ".faded", style: {"opacity": 0.25}},
    {selector: ".hidden", style: {"display": "none"}},
    {selector: "node:selected", style: {"border-width": 3, "border-color": "#f0b400"}},
    {selector: "edge:selected", style: {"line-color": "#f0b400", "target-arrow-color": "#f0b400", "width": 3}}
  ];

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (className) { el.className = className; }
    return el;
  }

  function span(years) {
    if (!years.length) { return "undated papers only"; }
    var first = years[0], last = years[years.length - 1];
    var range = first === last ? String(first) : first + "\u2013" + last;
    return "seen " + range + " (papers of " + years.join(", ") + ")";
  }

  function where(ev) {
    return ev.paper + (ev.page === null ? "" : ", page " + ev.page) +
      ", paragraph " + (ev.paragraph === null ? "(unnumbered)" : ev.paragraph);
  }

  function showEvidence(graph, ele) {
    var d = ele.data();
    var panel = graph.panel;
    panel.textContent = "";
    var title = ele.isNode() ? d.label :
      ele.source().data("label") + " \u2192 " + d.label + " \u2192 " + ele.target().data("label");
    panel.appendChild(element("h4", title));
    panel.appendChild(element("p", (ele.isNode() ? d.kind + ", " : "") + span(d.years), "muted"));
    var list = element("ul", null, "evidence-list");
    d.ev.forEach(function (index) {
      var ev = EVIDENCE[index];
      var item = element("li");
      var link = element("a", where(ev), "cite");
      link.href = "#" + ev.anchor;
      item.appendChild(link);
      if (ev.sentence) {
        item.appendChild(document.createTextNode(": "));
        item.appendChild(element("q", ev.sentence));
      }
      list.appendChild(item);
    });
    if (!d.ev.length) { list.appendChild(element("li", "No evidence recorded.")); }
    panel.appendChild(list);
  }

  function resetEvidence(graph) {
    graph.panel.textContent = "";
    graph.panel.appendChild(element("p", "Click a body or a relation to see its evidence.", "muted"));
  }

  // a renamed body is shown under the name it had in the chosen year
  function nameIn(d, year) {
    if (year === null) { return d.fullLabel; }
    for (var i = d.names.length - 1; i >= 0; i--) {
      var n = d.names[i];
      if (n[1] !== null && n[1] <= year) { return n[0]; }
    }
    return d.names[0][0];
  }

  function showYear(graph, year) {
    var cy = graph.cy;
    graph.year = year;
    cy.batch(function () {
      cy.elements().forEach(function (ele) {
        var d = ele.data();
        var within = year === null || (d.first !== null && d.first <= year && year <= d.last);
        var stated = year === null || d.years.indexOf(year) >= 0;
        ele.toggleClass("hidden", !within);
        ele.toggleClass("faded", within && !stated);
        if (d.names && d.names.length) { ele.data("label", nameIn(d, year)); }
      });
    });
    // counted from the classes just set (the rendered style is updated later)
    var nodes = cy.nodes().not(".hidden");
    var edges = cy.edges().filter(function (e) {
      return !e.hasClass("hidden") && !e.source().hasClass("hidden") && !e.target().hasClass("hidden");
    });
    var faded = nodes.filter(".faded").length + edges.filter(".faded").length;
    var text = (year === null ? "All years" : String(year)) + ": " + nodes.length + " bodies and " +
      edges.length + " relations shown";
    if (faded) {
      text += "; " + faded + " faded (seen before and after " + year + ", not in its papers)";
    }
    graph.status.textContent = text + ".";
    graph.section.setAttribute("data-year", year === null ? "all" : String(year));
    graph.buttons.forEach(function (button) {
      var value = button.getAttribute("data-year");
      button.setAttribute("aria-pressed", String(value === (year === null ? "" : String(year))));
    });
    var selected = cy.$(":selected");
    if (selected.length && (selected.hasClass("hidden") || (selected.isEdge() &&
        (selected.source().hasClass("hidden") || selected.target().hasClass("hidden"))))) {
      selected.unselect();
      resetEvidence(graph);
    }
  }

  function build(section) {
    var index = Number(section.getAttribute("data-graph"));
    var data = DATA.councils[index];
    var canvas = section.querySelector(".graph-canvas");
    if (!canvas || graphs[section.id]) { return; }
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({group: "nodes", data: {id: n.id, label: n.label, kind: n.kind, colour: n.colour,
        years: n.years, first: n.first, last: n.last, ev: n.ev, names: n.names, fullLabel: n.label},
        position: {x: n.x, y: n.y}});
    });
    data.edges.forEach(function (e) {
      elements.push({group: "edges", data: {id: e.id, source: e.source, target: e.target, label: e.label,
        relation: e.relation, line: e.style, years: e.years, first: e.first, last: e.last, ev: e.ev}});
    });
    var cy = window.cytoscape({container: canvas, elements: elements, style: STYLE,
                               layout: {name: "preset", fit: true, padding: FIT_PADDING},
                               userZoomingEnabled: false, boxSelectionEnabled: false,
                               autounselectify: false});
    var graph = {cy: cy, section: section, year: null,
                 panel: section.querySelector(".graph-evidence"),
                 status: section.querySelector(".graph-status"),
                 buttons: Array.prototype.slice.call(section.querySelectorAll("[data-year]"))};
    graphs[section.id] = graph;
    cy.on("tap", "node, edge", function (event) {
      cy.$(":selected").unselect();
      event.target.select();
      showEvidence(graph, event.target);
    });
    cy.on("tap", function (event) {
      if (event.target === cy) { cy.$(":selected").unselect(); resetEvidence(graph); }
    });
    graph.buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var value = button.getAttribute("data-year");
        showYear(graph, value === "" ? null : Number(value));
      });
    });
    section.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        if (how === "fit") { cy.fit(undefined, FIT_PADDING); return; }
        var centre = {x: cy.width() / 2, y: cy.height() / 2};
        cy.zoom({level: cy.zoom() * (how === "in" ? ZOOM_STEP : 1 / ZOOM_STEP), renderedPosition: centre});
      });
    });
    showYear(graph, null);
    section.setAttribute("data-ready", "true");
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll("section.council-graph"));
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          build(entry.target);
        }
      });
    }, {rootMargin: "300px 0px"});
    sections.forEach(function (section) { observer.observe(section); });
  } else {
    sections.forEach(build);
  }
  window.papermineBuildGraph = function (id) {   // build one now (printing, tests), whether seen or not
    var section = document.getElementById(id);
    if (section) { build(section); }
    return graphs[id] || null;
  };
}());
