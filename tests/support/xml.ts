/**
 * Well-formedness with a strict XML 1.0 parser (saxes, jsdom's): it rejects
 * a bare `&`, undefined entities, two roots and undeclared prefixes, which
 * lenient parsers accept.
 */
import { SaxesParser } from 'saxes';

/** Throws with the parser's first error when `text` is not well-formed XML. */
export function assertWellFormedXml(text: string, name = 'XML'): void {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  if (errors.length > 0) throw new Error(`${name} is not well-formed: ${errors[0]}`);
}
