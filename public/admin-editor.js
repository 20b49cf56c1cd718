// The guide editor without reloads, progressive enhancement only (the form works the same without it):
// lists edited in place, items moved by buttons or by dragging, the form autosaved to the server for
// recovery after a reload, and lint warnings shown beside the fields while one types.
/* global Event, URLSearchParams */
import { moved, positionMessage, renumberIds, renumberLabel, renumberName } from './editor-rows.js';

const AUTOSAVE_MS = 10000;
const LINT_MS = 1200;
const JS_REORDER_HINT =
  'Move an item with its Move up and Move down buttons, or drag it by its handle. Remove takes it out at once.';

const form = document.querySelector('form.editor-form');
if (form) start(form);

function start(form) {
  document.documentElement.classList.add('editor-js');
  const live = element('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'editor-live' });
  form.prepend(live);
  const announce = (text) => {
    live.textContent = '';
    setTimeout(() => (live.textContent = text), 60);
  };
  // One event for every change the page makes itself: the leave-page warning and autosave listen to it.
  const changed = () => form.dispatchEvent(new Event('change', { bubbles: true }));

  for (const section of form.querySelectorAll('section.list[data-list]')) {
    setUpList(section, announce, changed);
  }
  setUpAutosave(form);
  setUpLint(form);
  setUpPreview(form);
  for (const time of document.querySelectorAll('time.local-time')) {
    const date = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(date.getTime())) time.textContent = date.toLocaleString();
  }
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button with hidden words that say which item it acts on: "Move up (step 2)". */
function itemButton(className, label, context) {
  const button = element('button', { type: 'button', class: 'button-secondary ' + className }, label);
  button.append(element('span', { class: 'visually-hidden' }, context));
  return button;
}

function setUpList(section, announce, changed) {
  const list = section.dataset.list;
  const itemWord = section.dataset.item || 'Item';
  const template = section.querySelector(':scope > template.item-template');
  const addButton = section.querySelector(':scope > .add-row button');
  const items = () => Array.from(section.querySelectorAll(':scope > fieldset.item'));
  const hint = section.querySelector('.reorder-hint');
  if (hint) hint.textContent = JS_REORDER_HINT;

  const renumber = () => {
    const all = items();
    all.forEach((item, index) => {
      for (const node of item.querySelectorAll('[name]')) {
        node.setAttribute('name', renumberName(node.getAttribute('name'), list, index));
      }
      for (const attribute of ['id', 'for', 'aria-describedby']) {
        for (const node of item.querySelectorAll('[' + attribute + ']')) {
          node.setAttribute(attribute, renumberIds(node.getAttribute(attribute), list, index));
        }
      }
      const legend = item.querySelector(':scope > legend');
      if (legend) legend.textContent = renumberLabel(legend.textContent, index);
      for (const span of item.querySelectorAll('.visually-hidden')) {
        if (/\d/.test(span.textContent)) span.textContent = renumberLabel(span.textContent, index);
      }
      const order = item.querySelector('input.order-input');
      if (order) order.value = String(index + 1);
      const up = item.querySelector('.move-up');
      const down = item.querySelector('.move-down');
      if (up) up.setAttribute('aria-disabled', index === 0 ? 'true' : 'false');
      if (down) down.setAttribute('aria-disabled', index === all.length - 1 ? 'true' : 'false');
    });
  };

  const move = (item, to, focus) => {
    const all = items();
    const from = all.indexOf(item);
    const order = moved(all.length, from, to);
    const target = order.indexOf(from);
    if (target === from) {
      announce(itemWord + ' ' + (from + 1) + ' is already ' + (from === 0 ? 'first.' : 'last.'));
      return;
    }
    const anchor = template || section.querySelector(':scope > .add-row');
    for (const index of order) section.insertBefore(all[index], anchor);
    renumber();
    if (focus) focus.focus();
    announce(positionMessage(itemWord, target + 1, all.length));
    changed();
  };

  const enhance = (item) => {
    const controls = item.querySelector(':scope > .item-controls');
    if (!controls || controls.querySelector('.move-controls')) return;
    const context = ' (' + itemWord.toLowerCase() + ' 1)';
    const handle = element(
      'span',
      { class: 'drag-handle', draggable: 'true', 'aria-hidden': 'true' },
      '⠿ Drag',
    );
    handle.title = 'Drag to move this ' + itemWord.toLowerCase();
    const up = itemButton('move-up', 'Move up', context);
    const down = itemButton('move-down', 'Move down', context);
    const remove = itemButton('remove-item button-danger', 'Remove', context);
    const group = element('div', { class: 'move-controls' });
    group.append(handle, up, down, remove);
    controls.append(group);
    up.addEventListener('click', () => move(item, items().indexOf(item) - 1, up));
    down.addEventListener('click', () => move(item, items().indexOf(item) + 1, down));
    remove.addEventListener('click', () => {
      const all = items();
      const index = all.indexOf(item);
      item.remove();
      renumber();
      const next = items()[Math.min(index, all.length - 2)];
      const target = next ? next.querySelector('input:not([type=hidden]), textarea, select') : addButton;
      if (target) target.focus();
      announce(itemWord + ' ' + (index + 1) + ' removed.');
      changed();
    });
  };

  items().forEach(enhance);
  renumber();

  if (template && addButton) {
    addButton.addEventListener('click', (event) => {
      event.preventDefault();
      const item = template.content.querySelector('fieldset.item').cloneNode(true);
      section.insertBefore(item, template);
      enhance(item);
      renumber();
      const first = item.querySelector('input:not([type=hidden]), textarea, select');
      if (first) first.focus();
      announce(itemWord + ' ' + items().length + ' added.');
      changed();
    });
  }

  let dragging = null;
  section.addEventListener('dragstart', (event) => {
    const handle = event.target.closest && event.target.closest('.drag-handle');
    if (!handle || handle.closest('section.list') !== section) return;
    dragging = handle.closest('fieldset.item');
    dragging.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', itemWord);
    event.dataTransfer.setDragImage(dragging, 24, 24);
  });
  section.addEventListener('dragover', (event) => {
    if (!dragging) return;
    event.preventDefault();
    const over = event.target.closest && event.target.closest('fieldset.item');
    if (!over || over === dragging || over.parentNode !== section) return;
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    section.insertBefore(dragging, after ? over.nextSibling : over);
  });
  section.addEventListener('drop', (event) => {
    if (dragging) event.preventDefault();
  });
  section.addEventListener('dragend', () => {
    if (!dragging) return;
    const item = dragging;
    dragging = null;
    item.classList.remove('dragging');
    renumber();
    const all = items();
    announce(positionMessage(itemWord, all.indexOf(item) + 1, all.length));
    changed();
  });
}

/** The form as the server reads it, without the button that was never pressed. */
function formBody(form) {
  const body = new URLSearchParams(new FormData(form));
  body.delete('action');
  return body;
}

function setUpAutosave(form) {
  const url = form.dataset.autosave;
  if (!url) return;
  const status = element('p', { class: 'hint autosave-status' });
  const actions = form.querySelector('.actions');
  if (actions) actions.after(status);
  let timer = null;
  let sending = false;

  const offered = () => document.querySelector('.autosave-offer') !== null;
  const send = (keepalive) => {
    clearTimeout(timer);
    timer = null;
    if (sending) return;
    sending = true;
    const body = formBody(form);
    fetch(url, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      keepalive: keepalive && body.toString().length < 60000,
    })
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then((answer) => {
        const at = new Date(answer.savedAt);
        status.textContent = 'Unsaved changes kept on the server at ' + at.toLocaleTimeString() + '.';
      })
      .catch(() => {
        status.textContent = 'Your changes could not be kept on the server: save the draft soon.';
      })
      .finally(() => {
        sending = false;
      });
  };
  const schedule = () => {
    if (offered()) {
      status.textContent = 'Autosave waits until you restore or discard the earlier unsaved changes above.';
      return;
    }
    if (timer === null) timer = setTimeout(() => send(false), AUTOSAVE_MS);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', () => {
    clearTimeout(timer);
    timer = null;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && timer !== null) send(true);
  });
}

/**
 * Preview through the stash as without script, but first the address of this page becomes the stashed
 * form's (`?draft=`), so Back from the preview shows the lists as they were changed in place: the
 * browser's own form restore only knows the inputs the page was first sent with.
 */
function setUpPreview(form) {
  const button = form.querySelector('.actions button[value="preview"]');
  if (!button) return;
  let plain = false;
  const submitPlainly = () => {
    plain = true;
    if (form.requestSubmit) form.requestSubmit(button);
    else button.click();
  };
  button.addEventListener('click', (event) => {
    if (plain) return;
    event.preventDefault();
    const body = formBody(form);
    body.set('action', 'preview');
    // getAttribute: the buttons named "action" shadow form.action.
    fetch(form.getAttribute('action'), { method: 'POST', body, credentials: 'same-origin' })
      .then((response) => {
        const match = /^\/admin\/drafts\/([A-Za-z0-9_-]{32})\/preview$/.exec(new URL(response.url).pathname);
        // Problems to show (or anything else): the plain post shows them with the text kept.
        if (!response.redirected || !match) return submitPlainly();
        const here = new URL(window.location.href);
        here.searchParams.set('draft', match[1]);
        here.searchParams.delete('restore');
        here.searchParams.delete('done');
        window.history.replaceState(null, '', here.pathname + here.search);
        let stash = form.querySelector('input[name="stash"]');
        if (!stash) {
          stash = element('input', { type: 'hidden', name: 'stash' });
          form.append(stash);
        }
        stash.value = match[1];
        // The text is in the stash now: tell the leave-page warning and autosave as a submit would.
        form.dispatchEvent(new Event('submit'));
        window.location.assign(response.url);
      })
      .catch(submitPlainly);
  });
}

const fieldId = (name) => 'field-' + name.replace(/[^A-Za-z0-9_-]/g, '-');

function setUpLint(form) {
  const url = form.dataset.lint;
  if (!url) return;
  let timer = null;
  const missingBox = document.querySelector('.missing-summary');

  const show = (answer) => {
    for (const old of form.querySelectorAll('.field-warning')) old.remove();
    for (const warning of answer.warnings) {
      const control = document.getElementById(fieldId(warning.field));
      const field = control && (control.closest('.field') || control.closest('section.list'));
      if (!field) continue;
      const id = fieldId(warning.field) + '-warning';
      let box = document.getElementById(id);
      if (!box) {
        box = element('div', { class: 'field-warning live-lint', id });
        const before = field.querySelector(
          ':scope > input, :scope > textarea, :scope > select, :scope > fieldset',
        );
        field.insertBefore(box, before);
        const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (!described.includes(id)) control.setAttribute('aria-describedby', described.concat(id).join(' '));
      }
      const line = element('p');
      line.append(element('span', { class: 'visually-hidden' }, 'Warning: '), warning.message);
      box.append(line);
    }
    if (missingBox) {
      const list = missingBox.querySelector('ul');
      list.textContent = '';
      for (const missing of answer.missing) {
        const link = element('a', { href: '#' + fieldId(missing.field) }, missing.text);
        const item = element('li');
        item.append(link);
        list.append(item);
      }
      missingBox.hidden = list.children.length === 0;
    }
  };
  const check = () => {
    timer = null;
    fetch(url, {
      method: 'POST',
      body: formBody(form),
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => {
        if (answer) show(answer);
      })
      .catch(() => undefined);
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, LINT_MS);
  });
}
