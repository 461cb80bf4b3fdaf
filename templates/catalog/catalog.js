// The kltransfer catalog's start page: search, filters with counts, sorting and pages, kept in
// the address (index.html#q=…&state=…&sort=…&page=…) so that a view can be shared and the back
// button works. Data comes from data/*.js as it is needed (see kltransfer/catalog/pagedata.py),
// loaded with <script> elements, which also work from file://. No request leaves the site.
(function () {
  "use strict";
  var W = window.KLTransferWords;
  var config = JSON.parse(document.getElementById("kt-config").textContent);
  var T = config.texts;
  var PAGE = config.page_size;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHABET.length; a++) { DIGIT[ALPHABET.charCodeAt(a)] = a; }
  var SORTS_DESCENDING = { phase: true, readiness: true, adopters: true, changed: true };

  function $(id) { return document.getElementById(id); }
  var form = $("filters"), q = $("q"), count = $("count"), results = $("results"), empty = $("empty");
  var pager = $("pager"), prev = $("prev"), next = $("next"), pageinfo = $("pageinfo"), reset = $("reset");
  var sortSelect = $("sort"), more = $("more"), moreSummary = $("more-summary");
  var template = $("card-template").content.firstElementChild;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var names = selects.map(function (s) { return s.getAttribute("data-filter"); });

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }

  // ---- data files ------------------------------------------------------------------------------
  var data = null;            // the facets: columns decoded into arrays
  var cards = {};             // number of a card file -> rows
  var terms = null;           // the search terms
  var postings = {};          // number of a postings file -> lists (still encoded)
  var loading = {};           // file -> promise
  var arrived = {};           // "kind:number" -> resolve function

  function load(src, key) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        arrived[key] = resolve;
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onerror = function () { delete loading[src]; reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  function done(key) {
    if (arrived[key]) { arrived[key](); delete arrived[key]; }
  }

  function column(col, n) {
    var out = new Float64Array(n), width = col.width, codes = col.codes, p = 0;
    for (var i = 0; i < n; i++) {
      var v = 0;
      for (var k = 0; k < width; k++) { v = v * 64 + DIGIT[codes.charCodeAt(p++)]; }
      out[i] = v;
    }
    return out;
  }

  window.__kltransfer_push = function (kind, first, second) {
    if (kind === "facets") {
      var n = first.n;
      data = { n: n, raw: first, columns: {}, city: column(first.city, n), score: column(first.score, n),
               adopters: column(first.adopters, n), changed: column(first.changed, n) };
      Object.keys(first.columns).forEach(function (name) {
        var col = first.columns[name];
        data.columns[name] = { kind: col.kind, values: col.values, codes: column(col, n) };
      });
      start();
    } else if (kind === "cards") {
      cards[first] = second;
      done("cards:" + first);
    } else if (kind === "terms") {
      terms = decodeTerms(first);
      done("terms");
    } else if (kind === "postings") {
      postings[first] = second.split(" ");
      done("postings:" + first);
    }
  };

  // ---- search ----------------------------------------------------------------------------------
  function decodeTerms(raw) {
    var joined = raw.terms + "\n", offsets = [0];
    if (!raw.terms) { offsets = []; joined = ""; }
    for (var at = joined.indexOf("\n"); at >= 0 && at < joined.length - 1; at = joined.indexOf("\n", at + 1)) {
      offsets.push(at + 1);
    }
    offsets.push(joined.length);
    return { joined: joined, offsets: Int32Array.from(offsets), count: offsets.length - 1, starts: raw.starts };
  }

  function term(index) {
    return terms.joined.slice(terms.offsets[index], terms.offsets[index + 1] - 1);
  }

  function upper(sorted, value) {  // the first index whose item is greater than value
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  function firstTerm(value) {  // the first term not less than value
    var lo = 0, hi = terms.count;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (term(mid) < value) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  function matchingTerms(word) {
    var found = [];
    if (word.length < W.INFIX_MIN) {  // short words: the start of a term only
      for (var i = firstTerm(word); i < terms.count && terms.joined.startsWith(word, terms.offsets[i]); i++) {
        found.push(i);
      }
      return found;
    }
    var pos = terms.joined.indexOf(word);
    while (pos >= 0) {
      var index = upper(terms.offsets, pos) - 1;
      found.push(index);
      pos = terms.joined.indexOf(word, terms.offsets[index + 1]);
    }
    return found;
  }

  function shardOf(term) { return upper(terms.starts, term) - 1; }

  function mark(index, marks) {  // set the marks of the blueprints that hold the term
    var shard = shardOf(index), text = postings[shard][index - terms.starts[shard]];
    var pos = -1, number = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d >= 32) { number += (d - 32) * scale; scale *= 32; } else {
        pos += number + d * scale; marks[pos] = 1; number = 0; scale = 1;
      }
    }
  }

  var marksCache = new Map();

  // The blueprints that match every word of the query (a 0/1 array), or a list of files to load first.
  function searchMarks(words) {
    if (!terms) { return { need: [load(data.raw.files.terms, "terms")] }; }
    var perWord = words.map(function (w) { return { word: w, terms: marksCache.has(w) ? null : matchingTerms(w) }; });
    var need = [];
    perWord.forEach(function (item) {
      (item.terms || []).forEach(function (index) {
        var shard = shardOf(index);
        if (!postings[shard]) { need.push(load(data.raw.files.postings[shard], "postings:" + shard)); }
      });
    });
    if (need.length) { return { need: need }; }
    var result = null;
    perWord.forEach(function (item) {
      var marks = marksCache.get(item.word);
      if (!marks) {
        marks = new Uint8Array(data.n);
        item.terms.forEach(function (index) { mark(index, marks); });
        if (marksCache.size > 64) { marksCache.clear(); }
        marksCache.set(item.word, marks);
      }
      if (!result) { result = marks.slice(); } else {
        for (var i = 0; i < result.length; i++) { result[i] &= marks[i]; }
      }
    });
    return { marks: result };
  }

  // ---- state in the address ----------------------------------------------------------------------
  function blank() {
    var state = { q: "", sort: "title", page: 1, filters: {} };
    names.forEach(function (name) { state.filters[name] = ""; });
    return state;
  }

  function fromAddress() {
    var state = blank();
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.q = params.get("q") || "";
    var sort = params.get("sort");
    if (sort && sortSelect.querySelector('option[value="' + CSS.escape(sort) + '"]')) { state.sort = sort; }
    var page = parseInt(params.get("page") || "1", 10);
    state.page = page > 0 ? page : 1;
    names.forEach(function (name) { state.filters[name] = params.get(name) || ""; });
    return state;
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    names.forEach(function (name) { if (state.filters[name]) { params.set(name, state.filters[name]); } });
    if (state.sort !== "title") { params.set("sort", state.sort); }
    if (state.page > 1) { params.set("page", String(state.page)); }
    var text = params.toString();
    return location.pathname + location.search + (text ? "#" + text : "");
  }

  function showState(state) {
    q.value = state.q;
    sortSelect.value = state.sort;
    selects.forEach(function (s, i) {
      var value = state.filters[names[i]];
      if (value && !s.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        var option = document.createElement("option");  // a value no blueprint has (any more): shown, counted 0
        option.value = value;
        option.setAttribute("data-label", value);
        s.appendChild(option);
      }
      s.value = value;
    });
  }

  function readForm() {
    var state = blank();
    state.q = q.value;
    state.sort = sortSelect.value;
    selects.forEach(function (s, i) { state.filters[names[i]] = s.value; });
    return state;
  }

  var current = blank();
  var typing = false;     // a word is being typed: one entry in the history for it, not one per letter
  var addressTimer = 0, addressHow = "";

  function writeAddress(how) {
    var target = address(current);
    if (target === location.pathname + location.search + location.hash) { return; }
    if (how === "push") { history.pushState(null, "", target); } else { history.replaceState(null, "", target); }
  }

  function flushAddress() {
    if (!addressTimer) { return; }
    clearTimeout(addressTimer);
    addressTimer = 0;
    writeAddress(addressHow);
  }

  function go(state, how) {  // how: "push" or "type" (the address follows once typing pauses)
    current = state;
    if (how === "type") {
      if (!addressTimer) { addressHow = typing ? "replace" : "push"; }
      clearTimeout(addressTimer);
      addressTimer = setTimeout(flushAddress, 300);
    } else {
      flushAddress();
      writeAddress(how);
    }
    schedule();
  }

  // ---- the results -------------------------------------------------------------------------------
  function passes(col, code, wanted) {
    if (col.kind === "many") { return Math.floor(code / Math.pow(2, wanted)) % 2 === 1; }
    return code === wanted + 1;
  }

  function tally(col, code, counts) {
    if (col.kind === "many") {
      for (var b = 0; code > 0; b++, code = Math.floor(code / 2)) { if (code % 2) { counts[b]++; } }
    } else if (code > 0) {
      counts[code - 1]++;
    }
  }

  function activeOf(state) {
    var active = [];
    names.forEach(function (name) {
      var value = state.filters[name];
      if (!value) { return; }
      var col = data.columns[name];
      active.push({ name: name, col: col, wanted: col ? col.values.indexOf(value) : -1 });
    });
    return active;
  }

  function compute(state, marks, active) {  // the results, in order
    var shown = [];
    outer: for (var i = 0; i < data.n; i++) {
      if (marks && !marks[i]) { continue; }
      for (var f = 0; f < active.length; f++) {
        var item = active[f];
        if (item.wanted < 0 || !passes(item.col, item.col.codes[i], item.wanted)) { continue outer; }
      }
      shown.push(i);
    }
    sortResults(shown, state.sort);
    return shown;
  }

  // How many blueprints each option of a filter would leave, given the search and the other filters.
  function countOptions(marks, active) {
    var counts = {};
    names.forEach(function (name) { counts[name] = new Int32Array(data.columns[name] ? data.columns[name].values.length : 0); });
    for (var i = 0; i < data.n; i++) {
      if (marks && !marks[i]) { continue; }
      var failed = null, fails = 0;
      for (var f = 0; f < active.length; f++) {
        var item = active[f];
        if (item.wanted < 0 || !passes(item.col, item.col.codes[i], item.wanted)) {
          fails++; failed = item;
          if (fails > 1) { break; }
        }
      }
      if (fails === 0) {
        for (var c = 0; c < names.length; c++) {
          var col = data.columns[names[c]];
          if (col) { tally(col, col.codes[i], counts[names[c]]); }
        }
      } else if (fails === 1 && failed.col) {
        tally(failed.col, failed.col.codes[i], counts[failed.name]);
      }
    }
    return counts;
  }

  function sortResults(shown, sort) {
    if (sort === "title") { return; }
    var key = sort === "city" ? data.city : sort === "phase" ? data.columns.phase.codes
      : sort === "readiness" ? data.score : sort === "adopters" ? data.adopters : data.changed;
    var sign = SORTS_DESCENDING[sort] ? -1 : 1;
    shown.sort(function (x, y) { return sign * (key[x] - key[y]) || x - y; });
  }

  function showCounts(counts) {
    selects.forEach(function (s, i) {
      var col = data.columns[names[i]];
      Array.prototype.forEach.call(s.options, function (option) {
        if (!option.value) { return; }
        var at = col ? col.values.indexOf(option.value) : -1;
        var n = at >= 0 ? counts[names[i]][at] : 0;
        var text = fill(T.option_count, { label: option.getAttribute("data-label"), n: n });
        if (option.textContent !== text) { option.textContent = text; }
        var off = n === 0 && option.value !== s.value;
        if (option.disabled !== off) { option.disabled = off; }
      });
    });
  }

  function cardsNeeded(list) {
    var need = [];
    list.forEach(function (i) {
      var file = Math.floor(i / data.raw.per_card);
      if (!cards[file]) { need.push(load(data.raw.files.cards[file], "cards:" + file)); }
    });
    return need;
  }

  function render(list) {
    var fragment = document.createDocumentFragment();
    var phases = data.columns.phase, states = data.columns.state, readiness = data.columns.readiness;
    list.forEach(function (i) {
      var row = cards[Math.floor(i / data.raw.per_card)][i % data.raw.per_card];
      var item = template.cloneNode(true);
      var link = item.querySelector("a");
      link.href = row[4];
      link.textContent = row[1];
      var state = states.codes[i] ? states.values[states.codes[i] - 1] : "";
      var phase = phases.codes[i] ? phases.values[phases.codes[i] - 1] : "";
      var meta = [data.raw.cities[data.city[i]], T.states[state] || state, T.phases[phase] || phase];
      item.querySelector(".card-meta").textContent = meta.filter(Boolean).join(" · ");
      var label = readiness.codes[i] ? readiness.values[readiness.codes[i] - 1] : "";
      var badge = item.querySelector(".kt-label");
      badge.className = "kt-label kt-label-" + label;
      badge.hidden = !label;
      badge.textContent = label ? fill(T.readiness_card, { label: T.readiness_labels[label] || label, score: data.score[i] }) : "";
      var adopters = data.adopters[i], people = item.querySelector(".adopters");
      people.hidden = !adopters;
      people.textContent = adopters === 1 ? T.adopters_one : fill(T.adopters_many, { n: adopters });
      item.querySelector(".summary").textContent = row[3];
      item.querySelector(".card-box").href = row[4] + "#adopt";
      var bundle = item.querySelector(".card-bundle");
      bundle.hidden = !row[5];
      if (row[5]) { bundle.querySelector("a").href = row[5]; }
      fragment.appendChild(item);
    });
    results.replaceChildren(fragment);
  }

  function showPager(state, total) {
    var pages = Math.max(1, Math.ceil(total / PAGE));
    pager.hidden = pages < 2;
    pageinfo.textContent = fill(T.page, { page: state.page, pages: pages });
    prev.hidden = state.page <= 1;
    next.hidden = state.page >= pages;
    prev.href = address(Object.assign({}, state, { page: state.page - 1 }));
    next.href = address(Object.assign({}, state, { page: state.page + 1 }));
  }

  function showSummary(state, shown) {
    var n = data.n;
    count.textContent = shown === n && !state.q && !activeFilters(state) ? fill(T.count_all, { n: n })
      : shown === 1 ? fill(T.count_one, { n: n }) : fill(T.count, { shown: shown, n: n });
    empty.hidden = shown !== 0;
    var active = activeFilters(state);
    moreSummary.textContent = active ? fill(T.filters_active, { n: active }) : T.filters;
    reset.hidden = !(active || state.q || state.sort !== "title");
  }

  function activeFilters(state) {
    return names.filter(function (name) { return state.filters[name]; }).length;
  }

  // ---- one update --------------------------------------------------------------------------------
  var generation = 0, timer = 0, lastCost = 0, pendingInput = 0, rendered = 0;

  function schedule() {
    if (timer) { return; }
    // a fast update runs at once; when updates are slow, keystrokes that come quickly are taken together
    timer = setTimeout(function () { timer = 0; update(); }, lastCost > 50 ? 80 : 0);
  }

  function update() {
    var began = performance.now();
    var mine = ++generation;
    var state = current;
    var words = W.terms(state.q);
    var marks = null;
    if (words.length) {
      var found = searchMarks(words);
      if (found.need) { return retry(found.need, mine); }
      marks = found.marks;
    }
    var searched = performance.now();
    var active = activeOf(state);
    var shown = compute(state, marks, active);
    var computed = performance.now();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (state.page > pages) { state.page = pages; }
    var slice = shown.slice((state.page - 1) * PAGE, state.page * PAGE);
    var need = cardsNeeded(slice);
    if (need.length) { return retry(need, mine); }
    render(slice);
    showPager(state, shown.length);
    showSummary(state, shown.length);
    results.removeAttribute("aria-busy");
    form.setAttribute("aria-busy", "true");
    afterPaint(function () {  // the results first; the counts of the options right after
      if (mine !== generation) { return; }
      showCounts(countOptions(marks, active));
      form.removeAttribute("aria-busy");
    });
    lastCost = performance.now() - began;
    rendered++;
    // for benchmarks/catalog_page.py: when the input came, when the results were there, what it took
    window.__kltransfer_rendered = { count: rendered, input: pendingInput, at: performance.now(), shown: shown.length,
      search: searched - began, compute: computed - searched, render: performance.now() - computed };
    pendingInput = 0;
    document.dispatchEvent(new CustomEvent("kltransfer:rendered"));
  }

  function afterPaint(task) {
    requestAnimationFrame(function () { setTimeout(task, 0); });
  }

  function retry(need, mine) {
    results.setAttribute("aria-busy", "true");
    Promise.all(need).then(function () {
      if (mine === generation) { update(); }
    }, function (error) {
      results.removeAttribute("aria-busy");
      if (window.console) { window.console.warn("kltransfer: cannot load " + error.message); }
    });
  }

  // ---- events ------------------------------------------------------------------------------------
  function start() {
    if (window.matchMedia("(min-width: 48em)").matches) { more.open = true; }
    current = fromAddress();
    showState(current);
    if (current.q) { prefetch(); }
    if (location.hash.length > 1) { schedule(); } else {
      showSummary(current, data.n);
      rendered++;
      window.__kltransfer_rendered = { count: rendered, input: 0, at: performance.now(), shown: data.n };
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("focusin", prefetch);
    form.addEventListener("pointerdown", prefetch);
    q.addEventListener("input", function () {
      if (!pendingInput) { pendingInput = performance.now(); }
      var state = readForm();
      state.page = 1;
      go(state, "type");
      typing = true;
    });
    q.addEventListener("blur", function () { typing = false; });
    selects.concat([sortSelect]).forEach(function (s) {
      s.addEventListener("change", function () {
        typing = false;
        var state = readForm();
        state.page = 1;
        go(state, "push");
      });
    });
    reset.addEventListener("click", function (event) {
      event.preventDefault();
      typing = false;
      go(blank(), "push");
      showState(current);
    });
    [prev, next].forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        typing = false;
        var state = Object.assign({}, current, { page: current.page + (link === next ? 1 : -1) });
        go(state, "push");
        if (results.getBoundingClientRect().top < 0) { count.scrollIntoView(); }
      });
    });
    window.addEventListener("popstate", restore);
    window.addEventListener("hashchange", restore);
  }

  // When the search or a filter is first used, the rest of the data comes, one file after the
  // other: the search index (the terms, then every postings file), then the cards, so that no
  // keystroke waits for a file. Not the cards where the visitor asked to save data.
  var prefetching = false;

  function prefetch() {
    if (prefetching) { return; }
    prefetching = true;
    W.terms("Straße");  // the first use of the word patterns compiles them: not while a letter waits
    var files = data.raw.files;
    var queue = [[files.terms, "terms"]];
    files.postings.forEach(function (src, n) { queue.push([src, "postings:" + n]); });
    if (!(navigator.connection && navigator.connection.saveData)) {
      files.cards.forEach(function (src, n) { queue.push([src, "cards:" + n]); });
    }
    (function next() {
      var item = queue.shift();
      if (item) { load(item[0], item[1]).then(next, next); }
    }());
  }

  function restore() {
    clearTimeout(addressTimer);  // the address the visitor went to wins over one not yet written
    addressTimer = 0;
    typing = false;
    current = fromAddress();
    showState(current);
    schedule();
  }
}());
