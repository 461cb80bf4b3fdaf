// Offline filters and search for the kltransfer catalog: no network, no libraries.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var query = document.getElementById("q");
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var entries = Array.prototype.slice.call(document.querySelectorAll("#results > li"));
  var labels = JSON.parse(document.getElementById("labels").textContent);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));

  function fold(text) {
    return text.toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function matches(entry, words, chosen) {
    for (var i = 0; i < chosen.length; i++) {
      var value = entry.getAttribute("data-" + chosen[i][0]) || "";
      if (value.split(" ").indexOf(chosen[i][1]) < 0) { return false; }
    }
    var text = entry.getAttribute("data-text") || "";
    for (var j = 0; j < words.length; j++) {
      if (text.indexOf(words[j]) < 0) { return false; }
    }
    return true;
  }

  function update() {
    var words = fold(query.value).split(/\s+/).filter(Boolean);
    var chosen = selects.filter(function (s) { return s.value; })
                        .map(function (s) { return [s.getAttribute("data-filter"), s.value]; });
    var shown = 0;
    entries.forEach(function (entry) {
      var keep = matches(entry, words, chosen);
      entry.hidden = !keep;
      if (keep) { shown++; }
    });
    count.textContent = labels.count.replace("{shown}", shown).replace("{n}", entries.length);
    empty.hidden = shown !== 0;
  }

  query.addEventListener("input", update);
  selects.forEach(function (s) { s.addEventListener("change", update); });
  update();
}());
