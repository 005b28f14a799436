// claimgraph web app: draws the claim map's timeline (vega-embed, from the server's Vega-Lite
// spec) and provenance graph (cytoscape) from the JSON the server puts in a data attribute. Labels go in as text only (no innerHTML).
(function () {
  "use strict";
  function drawTimeline(el, data) {
    el.replaceChildren();
    if (!data.timeline) {
      var empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = "No dated statements.";
      el.appendChild(empty);
      el.dataset.rendered = "0";
      return;
    }
    // the server's Vega-Lite spec, the same one the report renders to SVG; the expression
    // interpreter (ast) keeps vega from compiling code at run time (the CSP forbids eval)
    vegaEmbed(el, data.timeline, {
      renderer: "svg", actions: false, ast: true, expr: vega.expressionInterpreter
    }).then(function (result) {
      el.dataset.rendered = String(data.points);
      window.claimgraphTimeline = result.view;
    }).catch(function (err) { failed(el, err); });
  }

  function drawGraph(el, data) {
    el.replaceChildren();
    var elements = [];
    var bottom = 0;
    data.nodes.forEach(function (n) {
      bottom = Math.max(bottom, n.y);
      elements.push({
        group: "nodes",
        data: { id: n.id, label: n.label + " (" + n.weight + ")", kind: n.kind,
                colour: n.kind === "actor" && data.colours[n.side] ? data.colours[n.side] : "#3b3b40" },
        // positions are laid out by the server (the report's column layout)
        position: { x: n.x, y: n.y }
      });
    });
    data.edges.forEach(function (e, i) {
      elements.push({
        group: "edges",
        data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                colour: data.colours[e.side] || "#8a8a90", line: e.original ? "solid" : "dashed" }
      });
    });
    el.style.height = Math.max(220, bottom + 90) + "px";
    var cy = cytoscape({
      container: el,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 24 },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      style: [
        { selector: "node", style: {
          shape: "round-rectangle", width: 210, height: 30, "background-color": "#fff",
          "border-width": 2, "border-color": "data(colour)", label: "data(label)",
          "text-valign": "center", "text-halign": "center", "font-size": 12, color: "#1d1d1f",
          "text-max-width": 196, "text-wrap": "ellipsis", "font-family": "Helvetica, Arial, sans-serif" } },
        { selector: "node[kind = 'outlet']", style: { "background-color": "#f3f3f5", "border-width": 1 } },
        { selector: "edge", style: {
          width: "mapData(weight, 1, 6, 1.5, 6)", "line-color": "data(colour)", "line-style": "data(line)",
          "curve-style": "bezier", "source-endpoint": "50% 0%", "target-endpoint": "-50% 0%",
          "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)",
          opacity: 0.75 } }
      ]
    });
    el.dataset.rendered = String(cy.nodes().length);
    el.dataset.edges = String(cy.edges().length);
    window.claimgraphCy = cy;
  }

  function failed(el, err) {
    el.dataset.error = String(err);
    var msg = document.createElement("p");
    msg.className = "muted";
    msg.textContent = "Could not draw this chart: " + err;
    el.appendChild(msg);
  }

  function render(root) {
    var block = root.querySelector(".viz-data");
    if (!block) { return; }
    var data = JSON.parse(block.dataset.json);
    root.querySelectorAll("[data-viz]").forEach(function (el) {
      try {
        if (el.dataset.viz === "timeline") { drawTimeline(el, data); }
        if (el.dataset.viz === "graph") { drawGraph(el, data); }
      } catch (err) { failed(el, err); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (event) { render(event.target); });
})();
