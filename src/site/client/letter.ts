/**
 * The letter form: reads the fields, redraws the letter preview on every
 * change, checks the fields before printing or downloading, and makes the
 * .odt and .txt files in memory. Nothing typed leaves the page: no request,
 * no storage; closing the tab forgets everything.
 */
import {
  ATTACHMENTS,
  attemptAdvice,
  composeLetter,
  CURRENT_DOCUMENTS,
  letterErrors,
  letterText,
  REQUEST_KINDS,
  SITUATIONS,
  type Attachment,
  type Attempt,
  type CurrentDocument,
  type FieldError,
  type LetterBlock,
  type LetterFacts,
  type LetterForm,
} from '../toolkit/letter.ts';
import { letterDocument, ODT_MIME } from '../toolkit/opendocument.ts';
import { localToday, saveFile } from './download.ts';

/** Redraws the letter sheet with the same markup as LetterSheet.astro. */
function renderLetter(sheet: HTMLElement, blocks: readonly LetterBlock[]): void {
  const nodes = blocks.map((block) => {
    if (block.kind === 'list') {
      const list = document.createElement('ul');
      list.className = 'letter-list';
      for (const line of block.lines) list.append(Object.assign(document.createElement('li'), { textContent: line }));
      return list;
    }
    if (block.kind === 'attachments') {
      const wrapper = document.createElement('div');
      wrapper.className = 'letter-attachments';
      const list = document.createElement('ul');
      for (const line of block.lines.slice(1))
        list.append(Object.assign(document.createElement('li'), { textContent: line }));
      wrapper.append(Object.assign(document.createElement('p'), { textContent: block.lines[0] }), list);
      return wrapper;
    }
    const paragraph = document.createElement('p');
    paragraph.className = `letter-${block.kind}`;
    block.lines.forEach((line, index) => {
      if (index > 0) paragraph.append(document.createElement('br'));
      paragraph.append(line);
    });
    return paragraph;
  });
  sheet.replaceChildren(...nodes);
}

const form = document.querySelector<HTMLFormElement>('[data-letter-form]');
const sheet = document.querySelector<HTMLElement>('[data-letter]');
const factsSource = document.querySelector('script[data-letter-facts]');

if (form && sheet && factsSource?.textContent) {
  const facts = JSON.parse(factsSource.textContent) as LetterFacts & { slug: string };
  // Without a configured SITE_URL the build only knew paths: complete them here.
  const absolute = (url: string) => (url.startsWith('/') ? new URL(url, window.location.origin).href : url);
  facts.evidencePackUrl = absolute(facts.evidencePackUrl);
  if (facts.statistics) facts.statistics.permalink = absolute(facts.statistics.permalink);

  const field = (name: string) =>
    form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | RadioNodeList | null;
  const value = (name: string) => {
    const element = field(name);
    return element && 'value' in element ? element.value : '';
  };
  const attemptsBox = form.querySelector<HTMLElement>('[data-attempts]')!;
  const attemptTemplate = form.querySelector<HTMLTemplateElement>('template[data-attempt-template]')!;
  const summary = document.querySelector<HTMLElement>('[data-error-summary]')!;
  const advice = form.querySelector<HTMLElement>('[data-attempt-advice]')!;
  const status = document.querySelector<HTMLElement>('[data-letter-status]')!;
  let checked = false;

  const readForm = (): LetterForm => {
    const attempts: Attempt[] = [...attemptsBox.querySelectorAll<HTMLElement>('[data-attempt]')].map((row) => ({
      day: row.querySelector<HTMLInputElement>('input[type=date]')!.value,
      time: row.querySelector<HTMLInputElement>('input[type=time]')!.value,
      result: row.querySelector<HTMLInputElement>('input[type=text]')!.value,
    }));
    const kind = value('kind');
    const situation = value('situation');
    const currentDocument = value('currentDocument');
    return {
      name: value('name'),
      birthDate: value('birthDate'),
      nationality: value('nationality'),
      address: value('address'),
      phone: value('phone'),
      email: value('email'),
      agdref: value('agdref'),
      prefectureAddress: value('prefectureAddress'),
      place: value('place'),
      date: value('date'),
      kind: (REQUEST_KINDS as readonly string[]).includes(kind) ? (kind as LetterForm['kind']) : '',
      title: value('title'),
      basis: value('basis'),
      situation: (SITUATIONS as readonly string[]).includes(situation) ? (situation as LetterForm['situation']) : '',
      attempts,
      includeStatistics: form.querySelector<HTMLInputElement>('input[name=includeStatistics]')?.checked ?? false,
      expiry: value('expiry'),
      currentDocument: currentDocument in CURRENT_DOCUMENTS ? (currentDocument as CurrentDocument) : 'titre',
      urgency: value('urgency'),
      visitDate: value('visitDate'),
      visitTime: value('visitTime'),
      attachments: [...form.querySelectorAll<HTMLInputElement>('input[name=attachments]:checked')]
        .map((box) => box.value)
        .filter((name): name is Attachment => name in ATTACHMENTS),
      otherAttachments: value('otherAttachments'),
    };
  };

  /** The element an error points to: the field itself, or the first of a group. */
  const target = (error: FieldError) =>
    error.field === 'situation'
      ? form.querySelector<HTMLElement>('input[name=situation]')
      : error.field === 'attempts'
        ? attemptsBox.querySelector<HTMLElement>('input')
        : document.getElementById(error.field);

  const showErrors = (errors: FieldError[]) => {
    for (const message of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
      const own = errors.filter((error) => error.field === message.dataset.errorFor);
      message.textContent = own.map((error) => error.message).join(' ');
      message.hidden = own.length === 0;
      const input =
        message.dataset.errorFor === 'situation' || message.dataset.errorFor === 'attempts'
          ? null
          : document.getElementById(message.dataset.errorFor!);
      const group = message.closest('fieldset');
      const owner = input ?? group;
      if (!owner) continue;
      // aria-invalid belongs on fields; a group (fieldset) only points to its message.
      if (input && own.length) input.setAttribute('aria-invalid', 'true');
      else if (input) input.removeAttribute('aria-invalid');
      const described = (owner.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && id !== message.id);
      if (own.length) described.push(message.id);
      if (described.length) owner.setAttribute('aria-describedby', described.join(' '));
      else owner.removeAttribute('aria-describedby');
    }
    const list = summary.querySelector('ul')!;
    list.replaceChildren(
      ...errors.map((error) => {
        const item = document.createElement('li');
        const link = Object.assign(document.createElement('a'), {
          textContent: error.message,
          href: `#${target(error)?.id ?? ''}`,
        });
        link.addEventListener('click', (event) => {
          event.preventDefault();
          target(error)?.focus();
        });
        item.append(link);
        return item;
      }),
    );
    summary.hidden = errors.length === 0;
  };

  const update = () => {
    const letter = readForm();
    form.querySelector<HTMLElement>('[data-attempts-fieldset]')!.hidden = letter.situation !== 'tentatives';
    renderLetter(sheet, composeLetter(letter, facts));
    const notes = attemptAdvice(letter);
    advice.replaceChildren(...notes.map((note) => Object.assign(document.createElement('p'), { textContent: note })));
    advice.hidden = notes.length === 0;
    if (checked) showErrors(letterErrors(letter, localToday()));
  };

  /** Checks the form; on errors shows them, moves focus to the summary and returns false. */
  const ready = (): boolean => {
    checked = true;
    const errors = letterErrors(readForm(), localToday());
    showErrors(errors);
    if (errors.length) {
      status.textContent = '';
      summary.focus();
      return false;
    }
    return true;
  };

  const addAttempt = () => {
    const count = attemptsBox.querySelectorAll('[data-attempt]').length;
    const row = attemptTemplate.content.firstElementChild!.cloneNode(true) as HTMLElement;
    row.innerHTML = row.innerHTML.replaceAll('__N__', String(count)).replaceAll('__NUMBER__', String(count + 1));
    attemptsBox.append(row);
    return row;
  };

  const dateField = document.getElementById('date') as HTMLInputElement;
  if (!dateField.value) dateField.value = localToday();
  const fileName = `courrier-prefecture-${facts.slug}`;

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.querySelector('[data-add-attempt]')!.addEventListener('click', () => {
    addAttempt().querySelector('input')?.focus();
    update();
  });
  document.querySelector('[data-print-letter]')!.addEventListener('click', () => {
    if (ready()) window.print();
  });
  document.querySelector('[data-download-odt]')!.addEventListener('click', () => {
    if (!ready()) return;
    saveFile(`${fileName}.odt`, ODT_MIME, letterDocument(composeLetter(readForm(), facts)));
    status.textContent = 'Fichier .odt enregistré dans vos téléchargements.';
  });
  document.querySelector('[data-download-text]')!.addEventListener('click', () => {
    if (!ready()) return;
    saveFile(`${fileName}.txt`, 'text/plain;charset=utf-8', `\uFEFF${letterText(composeLetter(readForm(), facts))}`);
    status.textContent = 'Fichier texte enregistré dans vos téléchargements.';
  });
  for (const hidden of document.querySelectorAll<HTMLElement>('[data-needs-script]')) hidden.hidden = false;
  for (const shown of document.querySelectorAll<HTMLElement>('[data-without-script]')) shown.hidden = true;
  update();
}
