/**
 * French typography of running text, in one place: the no-break spaces
 * French readers expect, so that a line never starts with « : » or « ! »
 * and a guillemet never stays alone at the end of a line.
 *
 * - narrow no-break space (U+202F) before ; ! ? and inside « »;
 * - no-break space (U+00A0) before : and between a number and %;
 * - quotes inside a quotation are “ ” rather than nested « ».
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Breaking white space (not the no-break ones, which are already right). */
const BREAKING = '[ \\t\\r\\n]';

const RULES: readonly [RegExp, string][] = [
  [new RegExp(`${BREAKING}+([;!?])`, 'g'), `${NNBSP}$1`],
  [new RegExp(`${BREAKING}+:(?=\\s|$)`, 'g'), `${NBSP}:`],
  [new RegExp(`«${BREAKING}+`, 'g'), `«${NNBSP}`],
  [new RegExp(`${BREAKING}+»`, 'g'), `${NNBSP}»`],
  [/«(?=[^\s\u00a0\u202f])/g, `«${NNBSP}`],
  [/([^\s\u00a0\u202f])»/g, `$1${NNBSP}»`],
  [new RegExp(`(\\d)${BREAKING}+%`, 'g'), `$1${NBSP}%`],
];

/**
 * What any rule (or unnestGuillemets) could change: a guillemet or curly
 * quote, or breaking space before ; ! ? : %. Text without any is returned as
 * it is, so a clock reading such as 09:20:00 (a colon, no space) costs one
 * test rather than every rule: a month page holds hundreds of them.
 */
const TOUCHED = /[«»“”]|[ \t\r\n][;!?:%]/;

/** Running text with French spacing; text already right is returned unchanged. */
export function frenchSpacing(text: string): string {
  // Most text of a page (a table's times, « Aucune date ») has none: skipping it keeps the build fast.
  if (!TOUCHED.test(text)) return text;
  return RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), unnestGuillemets(text));
}

/**
 * Guillemets inside guillemets become “ ”, as French editors set a quotation
 * within a quotation: « démarche « salarié » » reads « démarche “salarié” ».
 */
function unnestGuillemets(text: string): string {
  let depth = 0;
  let result = '';
  for (const character of text) {
    if (character === '«') {
      result += depth === 0 ? '«' : '“';
      depth += 1;
    } else if (character === '»' && depth > 0) {
      depth -= 1;
      result += depth === 0 ? '»' : '”';
    } else {
      result += character;
    }
  }
  return result.replace(/“[\s\u00a0\u202f]+/g, '“').replace(/[\s\u00a0\u202f]+”/g, '”');
}

/**
 * A quotation to put between « »: guillemets it holds become “ ”, so that
 * « démarche « salarié » » reads « démarche “ salarié ” ».
 */
export function innerQuotes(text: string): string {
  return text.replace(/«[\s\u00a0\u202f]*/g, '“').replace(/[\s\u00a0\u202f]*»/g, '”');
}
