/**
 * A step's action as shown above its command block: the block holds each command once, with its copy
 * button, so a command the action quotes in backticks is named by where it is instead ("run the
 * command below"). Files keep the commands in the action (the lint rule `command-not-code` asks for
 * it), so readers of the YAML, the JSON and the JSON-LD still see them in the sentence.
 */

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
/** What may stand between two quoted commands of one list: "`a`, then `b` and finally `c`". */
const BETWEEN_LIST_ITEMS = /^[\s,;]*(?:(?:and|then|finally|or)[\s,;]*)*$/i;

interface Quoted {
  start: number;
  end: number;
  /** Position of the command in the block. */
  index: number;
}

/** The action with the block's commands replaced by a reference to the block; unchanged without commands. */
export function actionBesideCommands(action: string, commands: readonly string[] | undefined): string {
  if (!commands || commands.length === 0) return action;
  const wanted = commands.map((c) => c.trim());
  const quoted: Quoted[] = [];
  for (const m of action.matchAll(/`([^`\n]+)`/g)) {
    const index = wanted.indexOf(m[1]!.trim());
    if (index !== -1) quoted.push({ start: m.index, end: m.index + m[0].length, index });
  }
  if (quoted.length === 0) return action;
  // Runs of commands quoted one after another, as a list.
  const runs: Quoted[][] = [];
  for (const q of quoted) {
    const last = runs.at(-1);
    const previous = last?.at(-1);
    if (last && previous && BETWEEN_LIST_ITEMS.test(action.slice(previous.end, q.start))) last.push(q);
    else runs.push([q]);
  }
  let text = '';
  let at = 0;
  for (const run of runs) {
    let start = run[0]!.start;
    const end = run.at(-1)!.end;
    const before = action.slice(at, start);
    let name = nameOf(run, commands.length);
    // "run these commands in order: `a`, then `b`." reads "run these commands in order (below)."
    const colon = /:\s*$/.exec(before);
    if (colon && run.length > 1) {
      start -= colon[0].length;
      name = '(below)';
      text += action.slice(at, start).trimEnd() + ' ' + name;
    } else {
      text += before + name;
    }
    at = end;
  }
  return text + action.slice(at);
}

function nameOf(run: readonly Quoted[], total: number): string {
  if (total === 1) return 'the command below';
  const indexes = run.map((q) => q.index);
  if (new Set(indexes).size === total) return 'the commands below';
  if (run.length === 1) {
    const ordinal = ORDINALS[run[0]!.index];
    return ordinal ? `the ${ordinal} command below` : `command ${run[0]!.index + 1} below`;
  }
  const [first, last] = [Math.min(...indexes) + 1, Math.max(...indexes) + 1];
  return `commands ${first} ${last === first + 1 ? 'and' : 'to'} ${last} below`;
}
