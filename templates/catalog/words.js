// Search words for the kltransfer catalog: folding, a light German stemmer, matching.
// The same rules as kltransfer/catalog/words.py; tests/data/search_cases.json keeps both in agreement.
(function (root) {
  "use strict";
  var STOP_WORDS = ("der die das des dem den ein eine einer eines einem einen und oder aber auch als am an auf aus " +
    "bei bis durch fur im in ist mit nach noch nur sie sind so uber um vom von vor wie wird werden zu zum zur " +
    "a and are as at be by for from is it of on or the to with").split(" ");
  var STOP = Object.create(null);
  STOP_WORDS.forEach(function (w) { STOP[w] = true; });
  var INFIX_MIN = 4;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var ALPHA = /^\p{L}+$/u;
  var VOWELS = "aeiouy";
  var S_ENDING = "bdfghklmnrty";
  var ST_ENDING = "bdfghklmnt";
  var STEP1 = ["ern", "em", "er", "en", "es", "e", "s"];
  var STEP2 = ["est", "en", "er", "st"];
  var cache = new Map();

  function fold(text) {
    return String(text).normalize("NFKD").toLowerCase().replace(/\u00df/g, "ss").replace(MARKS, "");
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  function region(word) {
    for (var i = 1; i < word.length; i++) {
      if (VOWELS.indexOf(word[i]) < 0 && VOWELS.indexOf(word[i - 1]) >= 0) { return Math.max(i + 1, 3); }
    }
    return word.length;
  }

  function ending(word, list) {
    for (var i = 0; i < list.length; i++) {
      if (word.length >= list[i].length && word.slice(-list[i].length) === list[i]) { return list[i]; }
    }
    return "";
  }

  function umlauts(word) {
    return word.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
  }

  function stemUncached(word) {
    if (word.length < 4 || !ALPHA.test(word)) { return umlauts(word); }
    var start = region(word);
    var suffix = ending(word, STEP1);
    if (suffix && word.length - suffix.length >= start) {
      if (suffix === "s") {
        if (S_ENDING.indexOf(word[word.length - 2]) >= 0) { word = word.slice(0, -1); }
      } else {
        word = word.slice(0, -suffix.length);
        if ((suffix === "en" || suffix === "es" || suffix === "e") && word.slice(-4) === "niss") { word = word.slice(0, -1); }
      }
    }
    suffix = ending(word, STEP2);
    if (suffix && word.length - suffix.length >= start) {
      if (suffix !== "st") {
        word = word.slice(0, -suffix.length);
      } else if (ST_ENDING.indexOf(word[word.length - 3]) >= 0 && word.length - 2 >= 3) {
        word = word.slice(0, -2);
      }
    }
    return umlauts(word);
  }

  function stem(word) {
    var known = cache.get(word);
    if (known === undefined) {
      known = stemUncached(word);
      if (cache.size > 65536) { cache.clear(); }
      cache.set(word, known);
    }
    return known;
  }

  function terms(text) {
    var seen = [];
    var index = Object.create(null);
    words(text).forEach(function (word) {
      if (word.length < 2 || STOP[word]) { return; }
      var s = stem(word);
      if (!index[s]) { index[s] = true; seen.push(s); }
    });
    return seen;
  }

  function termMatches(queryTerm, term) {
    return term.lastIndexOf(queryTerm, 0) === 0 || (queryTerm.length >= INFIX_MIN && term.indexOf(queryTerm) >= 0);
  }

  function matches(query, textTerms) {
    var wanted = terms(query);
    return wanted.every(function (q) {
      return textTerms.some(function (t) { return termMatches(q, t); });
    });
  }

  root.KLTransferWords = {
    STOP_WORDS: STOP_WORDS, INFIX_MIN: INFIX_MIN, fold: fold, words: words, stem: stem, terms: terms,
    termMatches: termMatches, matches: matches
  };
}(this));
