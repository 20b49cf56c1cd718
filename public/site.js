// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Select the whole command block on click, so it is easy to copy on a phone.
  document.addEventListener('click', function (event) {
    var target = event.target;
    var block = target && target.closest ? target.closest('pre.commands') : null;
    if (!block || !window.getSelection) return;
    var range = document.createRange();
    range.selectNodeContents(block);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  });
})();
