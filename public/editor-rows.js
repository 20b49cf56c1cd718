// The editor's in-place lists, pure part: an item's field names, ids and labels follow its position, so
// the server reads a list changed in the page exactly as it reads the form it rendered (`steps.2.why`).

/** `steps.3.why` → `steps.1.why` for an item now at index 1; names of other lists stay as they are. */
export function renumberName(name, list, index) {
  const match = /^([A-Za-z]+)\.\d+(\..*)?$/.exec(name);
  if (!match || match[1] !== list) return name;
  return list + '.' + index + (match[2] || '');
}

/** `field-steps-3-why-hint` → `field-steps-1-why-hint`: ids made by fieldId, and lists of them. */
export function renumberIds(value, list, index) {
  const prefix = 'field-' + list + '-';
  return value
    .split(' ')
    .map((id) => {
      if (id.indexOf(prefix) !== 0) return id;
      return id.replace(/^(field-[A-Za-z]+-)\d+/, '$1' + index);
    })
    .join(' ');
}

/** A label's item number: the last number in "Step 3" or " (step 3)" becomes the position (1-based). */
export function renumberLabel(text, index) {
  return text.replace(/\d+(?=\D*$)/, String(index + 1));
}

/** The order of items after moving the one at `from` to `to` (both clamped to the list). */
export function moved(length, from, to) {
  const order = [];
  for (let i = 0; i < length; i++) order.push(i);
  const target = Math.max(0, Math.min(length - 1, to));
  if (from < 0 || from >= length || target === from) return order;
  order.splice(from, 1);
  order.splice(target, 0, from);
  return order;
}

/** What a screen reader hears after a move: "Step 2 moved to position 3 of 4." */
export function positionMessage(item, position, count) {
  return item + ' moved to position ' + position + ' of ' + count + '.';
}
