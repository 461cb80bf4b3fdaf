// The copy button of the box "Adopt" on a blueprint's page. Without network; where the
// clipboard is not available (file://, an old browser), the command is selected for Ctrl+C.
(function () {
  "use strict";
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function legacyCopy(element) {
    select(element);
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".kt-copy-status");
    if (!source) { return; }
    button.hidden = false;
    function say(text) { if (status) { status.textContent = text; } }
    button.addEventListener("click", function () {
      var text = source.textContent;
      var manual = function () {
        if (legacyCopy(source)) { say(button.getAttribute("data-copied")); } else { select(source); say(button.getAttribute("data-manual")); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(button.getAttribute("data-copied")); }, manual);
      } else {
        manual();
      }
    });
  });
}());
