/**
 * What a person sees of a page: the rendered text, without what the browser
 * does not show (scripts, templates, hidden elements) and without what is not
 * an answer of the page (the content of form controls: a textarea, an option,
 * a button). The robot reads a page's verdict only from this text: a message
 * hidden in the markup, or typed into a field, is not what the page says.
 */
import * as cheerio from 'cheerio';

/** Elements that are never rendered text of the page. */
const NOT_TEXT =
  'head, script, style, noscript, template, textarea, select, option, datalist, button, input, iframe, object, svg';

/** Elements hidden by attribute or by the usual hiding classes (DSFR, Bootstrap, eZ Publish themes). */
const HIDDEN =
  '[hidden], [aria-hidden="true"], [aria-hidden="TRUE"], .hidden, .hide, .d-none, .fr-hidden, .sr-only, .fr-sr-only, .visually-hidden, .invisible';

/** Inline styles that hide an element. */
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$|!)|font-size\s*:\s*0(?:px|em|rem|%)?\s*(?:;|$|!))/i;

/**
 * The page as rendered: a cheerio document where hidden elements and the
 * content of form controls are removed. Every text read from it is visible.
 */
export function visibleDocument(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(html);
  $(NOT_TEXT).remove();
  $(HIDDEN).remove();
  $('[style]')
    .filter((_, element) => HIDDEN_STYLE.test($(element).attr('style') ?? ''))
    .remove();
  return $;
}

/** Elements that start a block of text: a sentence never spans two of them. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements that quote someone else's words. */
const QUOTE_TAGS = new Set(['blockquote', 'q', 'cite']);

/** The parts of a parsed node this module reads. */
interface Node {
  type: string;
  data?: string;
  tagName?: string;
  children?: Node[];
}

/** A block of text as a person reads it. */
export interface TextBlock {
  /** The block's own text: its inline content, without nested blocks; a `<q>` is shown in « ». */
  text: string;
  /** The block is, or is inside, a quotation. */
  quoted: boolean;
}

/**
 * The blocks of text under `root` (itself included), in document order of
 * their ends: a sentence is read within one block, so a message quoted inside
 * a longer sentence shows as a longer block.
 */
export function textBlocks($: cheerio.CheerioAPI, root: ReturnType<cheerio.CheerioAPI>): TextBlock[] {
  const blocks: TextBlock[] = [];
  const ownText = (node: Node, quoted: boolean): string => {
    let own = '';
    for (const child of node.children ?? []) {
      if (child.type === 'text') own += child.data ?? '';
      if (child.type !== 'tag') continue;
      const name = (child.tagName ?? '').toLowerCase();
      if (name === 'br') own += ' ';
      else if (BLOCK_TAGS.has(name)) {
        own += ' ';
        const inQuote = quoted || QUOTE_TAGS.has(name);
        blocks.push({ text: ownText(child, inQuote), quoted: inQuote });
      } else if (name === 'q') own += `« ${ownText(child, true)} »`;
      else own += ownText(child, quoted);
    }
    return own;
  };
  for (const element of root.toArray() as unknown as Node[]) {
    const quoted = $(element as never).closest('blockquote, q, cite').length > 0;
    blocks.push({ text: ownText(element, quoted), quoted });
  }
  return blocks;
}

/**
 * The main text of a visible document: the `main` element (or the usual main
 * containers) when there is one, else the body without its header, navigation
 * and footer.
 */
export function mainText($: cheerio.CheerioAPI): string {
  const main = $('main, [role="main"], #contenu, #content, #main').first();
  if (main.length > 0) return main.text();
  const copy = cheerio.load($.html());
  copy('header, nav, footer').remove();
  return copy.root().text();
}
