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

  // Suggestions as you type: an ARIA combobox over the search box, fed by /api/v1/suggest.
  var counter = 0;
  function enhance(input) {
    var form = input.form;
    var list = document.createElement('ul');
    var id = 'suggestions-' + ++counter;
    var timer = null;
    var items = [];
    var active = -1;
    var lastQuery = '';
    list.id = id;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);

    // aria-busy on the list from a keystroke until its suggestions are shown (or there are none): a late
    // answer for an earlier keystroke replaces the list, and with it any option chosen meanwhile.
    function settled() {
      list.removeAttribute('aria-busy');
    }
    function close() {
      settled();
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function select(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++)
        options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      active = index;
      if (index >= 0) input.setAttribute('aria-activedescendant', options[index].id);
      else input.removeAttribute('aria-activedescendant');
    }
    function render(suggestions) {
      items = suggestions;
      list.textContent = '';
      suggestions.forEach(function (s, i) {
        var li = document.createElement('li');
        li.id = id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var code = document.createElement('code');
        code.textContent = s.code;
        li.appendChild(code);
        li.appendChild(document.createTextNode(' ' + (s.label || s.title)));
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          window.location.href = s.url;
        });
        list.appendChild(li);
      });
      if (suggestions.length === 0) return close();
      settled();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      select(-1);
    }
    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2 || query.length > 200) return close();
      if (query === lastQuery) return settled();
      lastQuery = query;
      fetch('/api/v1/suggest?q=' + encodeURIComponent(query), { headers: { accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (body) {
          if (input.value.trim() === query) render(body.suggestions || []);
        })
        .catch(close);
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      list.setAttribute('aria-busy', 'true');
      lastQuery = lastQuery === input.value.trim() ? '' : lastQuery;
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (list.hidden) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        select((active + 1) % items.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        select(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(close, 100);
    });
  }

  // Copy buttons beside commands.
  var blocks = document.querySelectorAll('pre.commands');
  for (var b = 0; b < blocks.length; b++) {
    (function (block) {
      if (!navigator.clipboard) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(block.textContent).then(function () {
          button.textContent = 'Copied';
          setTimeout(function () {
            button.textContent = 'Copy';
          }, 2000);
        });
      });
      block.parentNode.insertBefore(button, block.nextSibling);
    })(blocks[b]);
  }

  // Answers without a reload: post as JSON, then show the next step in place.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('fix-form') || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    var data = {};
    new FormData(form).forEach(function (value, key) {
      data[key] = value;
    });
    var submitter = event.submitter;
    if (submitter && submitter.name) data[submitter.name] = submitter.value;
    if (data.verdict !== 'no') delete data.reason;
    fetch('/api/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(data),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('answer refused');
        return response.json();
      })
      .then(function (body) {
        if (!body.next) {
          var thanks = document.createElement('p');
          thanks.setAttribute('role', 'status');
          thanks.textContent = 'Thank you: your answer helps the next person with this code.';
          form.replaceWith(thanks);
          return;
        }
        return fetch(body.next)
          .then(function (response) {
            return response.text();
          })
          .then(function (html) {
            var next = new DOMParser().parseFromString(html, 'text/html');
            var main = document.getElementById('main');
            var incoming = next.getElementById('main');
            if (!main || !incoming) return (window.location.href = body.next);
            main.replaceChildren.apply(main, Array.prototype.slice.call(incoming.childNodes));
            document.title = next.title;
            history.pushState({}, '', body.next);
            var heading = main.querySelector('h1');
            if (heading) heading.focus();
          });
      })
      .catch(function () {
        form.submit();
      });
  });
  window.addEventListener('popstate', function () {
    window.location.reload();
  });

  var inputs = document.querySelectorAll('form.search input[name="q"]');
  for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
})();
