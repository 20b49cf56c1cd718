// Admin pages, progressive enhancement only: every form works without this file.
(function () {
  'use strict';

  var form = document.querySelector('form.editor-form');
  if (!form) return;
  var save = form.querySelector('.actions button[value="save"]');
  var dirty = false;
  var leaving = false;

  form.addEventListener('input', function () {
    dirty = true;
  });
  form.addEventListener('change', function () {
    dirty = true;
  });
  // Any button of the form sends the text along (a stash or a save): nothing is lost by leaving then.
  form.addEventListener('submit', function () {
    leaving = true;
  });

  // Warn before a reload, a link or closing the tab would drop unsaved text.
  window.addEventListener('beforeunload', function (event) {
    if (!dirty || leaving) return;
    event.preventDefault();
    event.returnValue = '';
  });
  // Back to this page from the browser's cache: the text on screen is as unsaved as before.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) leaving = false;
  });

  // Ctrl+S or Cmd+S saves the draft instead of saving the web page.
  document.addEventListener('keydown', function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key !== 's' && event.key !== 'S') return;
    if (!save) return;
    event.preventDefault();
    if (form.requestSubmit) form.requestSubmit(save);
    else save.click();
  });
})();
