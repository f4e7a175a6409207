/**
 * The bookmarklet « Signaler ce que je vois », run by a volunteer on
 * RDV-Préfecture's slot page after passing the captcha themselves. It reads
 * the page's own state (`script#vui-init-data`), the démarche id of the
 * address and the clock, and nothing else: no form field, no cookie, no
 * storage. It shows exactly the block that would be sent and offers two ways
 * to send it, a prefilled GitHub issue or a copy to paste in an e-mail. On
 * any other page it says so in a dialog and leaves the page as it was.
 *
 * Built into a `javascript:` address by src/site/bookmarklet.ts, with the
 * site's configuration in OBSERVATION_CONFIG.
 */
import { formatBlock } from '../../lib/observation-block.ts';
import { captureObservation } from '../../lib/observation-capture.ts';
import { frenchSpacing } from '../../lib/french-typography.ts';

export interface BookmarkletConfig {
  /** The prefilled issue form's address, block to append; null when the site was built without a repository. */
  issueFormUrl: string | null;
  /** Démarche id → « procedure — prefecture » for the démarches the site follows. */
  procedures: Record<string, string>;
  /** Where the copied block goes (an e-mail address), or null when the site names none. */
  email: string | null;
}

declare const OBSERVATION_CONFIG: BookmarkletConfig;

const HOST_ID = 'guichets-fermes-observation';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  // The block (pre) is sent as it is shown, byte for byte; the style is code: only prose gets French spacing.
  node.textContent = tag === 'pre' || tag === 'style' ? text : frenchSpacing(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

const frenchDay = (day: string) => day.split('-').reverse().join('/');

function explain(block: ReturnType<typeof captureObservation> & { ok: true }): string[] {
  const { block: seen } = block;
  const procedure = OBSERVATION_CONFIG.procedures[seen.demarche];
  return [
    procedure
      ? `Démarche n° ${seen.demarche} : ${procedure}.`
      : `Démarche n° ${seen.demarche} : elle n’est pas suivie par Guichets fermés, l’observation serait refusée.`,
    seen.outcome === 'slots'
      ? `Première date proposée : ${frenchDay(seen.first_date)}${seen.second_date ? ` ; deuxième : ${frenchDay(seen.second_date)}` : ''}.`
      : 'Aucun créneau proposé.',
    seen.next_publication
      ? `Prochaine mise en ligne annoncée : le ${frenchDay(seen.next_publication.slice(0, 10))} à ${seen.next_publication.slice(11, 16)}.`
      : 'Pas de prochaine mise en ligne affichée.',
  ];
}

/** Copies text without reading anything back: the Clipboard API, or a selection copy where it is refused. */
async function copy(text: string, fallback: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(fallback);
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

function show(capture: ReturnType<typeof captureObservation> & { ok: true }): void {
  document.getElementById(HOST_ID)?.remove();
  const text = formatBlock(capture.block);
  const host = element('div', '', { id: HOST_ID });
  const root = host.attachShadow({ mode: 'open' });
  const style = element(
    'style',
    `
    .box { position: fixed; z-index: 2147483647; inset: 1rem 1rem auto auto; max-width: 34rem; max-height: calc(100vh - 2rem); overflow: auto;
      background: #fff; color: #161616; border: 2px solid #000091; border-radius: 6px; padding: 1rem; font: 16px/1.45 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
    h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
    pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: .5rem; font-size: .85rem; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
    a, button { font: inherit; padding: .4rem .8rem; border-radius: 4px; border: 1px solid #000091; cursor: pointer; }
    a { background: #000091; color: #fff; text-decoration: none; }
    button { background: #fff; color: #000091; }
    .status { min-height: 1.5em; }
    @media (max-width: 40rem) { .box { inset: .5rem; max-width: none; } }`,
  );
  const box = element('div', '', { class: 'box', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'titre' });
  box.append(element('h2', 'Signaler ce que je vois', { id: 'titre' }));
  const list = element('ul');
  for (const line of explain(capture)) list.append(element('li', line));
  box.append(list);
  box.append(
    element(
      'p',
      'Voici exactement ce qui sera envoyé, et rien d’autre : ni nom, ni adresse électronique, ni ce que vous avez tapé dans un formulaire, ni cookie.',
    ),
  );
  const block = element('pre', text, { 'data-observation-block': '' });
  box.append(block);
  const actions = element('div', '', { class: 'actions' });
  if (OBSERVATION_CONFIG.issueFormUrl) {
    actions.append(
      element('a', 'Envoyer sur GitHub', {
        href: OBSERVATION_CONFIG.issueFormUrl + encodeURIComponent(text),
        target: '_blank',
        rel: 'noopener noreferrer',
        'data-send-issue': '',
      }),
    );
  }
  const copyButton = element('button', 'Copier l’observation', { type: 'button', 'data-copy': '' });
  const close = element('button', 'Fermer', { type: 'button', 'data-close': '' });
  actions.append(copyButton, close);
  box.append(actions);
  const status = element('p', '', { class: 'status', role: 'status' });
  box.append(status);
  const sendBy = OBSERVATION_CONFIG.email ? `à ${OBSERVATION_CONFIG.email}` : 'à l’association qui anime le site';
  box.append(
    element(
      'p',
      OBSERVATION_CONFIG.issueFormUrl
        ? `« Envoyer sur GitHub » ouvre une issue publique préremplie (il faut un compte GitHub). Sans compte, copiez l’observation et envoyez-la par courriel ${sendBy}.`
        : `Ce site n’a pas été configuré avec l’adresse de son dépôt : l’envoi sur GitHub n’est pas proposé. Copiez l’observation et envoyez-la par courriel ${sendBy}.`,
    ),
  );
  copyButton.addEventListener('click', () => {
    void copy(text, block).then((done) => {
      status.textContent = frenchSpacing(
        done
          ? 'Observation copiée : collez-la dans un courriel.'
          : 'La copie a échoué : sélectionnez le bloc et copiez-le.',
      );
    });
  });
  close.addEventListener('click', () => host.remove());
  root.append(style, box);
  document.body.append(host);
}

const capture = captureObservation(
  location.pathname,
  document.querySelector('script#vui-init-data')?.textContent ?? null,
  new Date(),
);
if (capture.ok) show(capture);
else
  window.alert(
    frenchSpacing(
      `Signaler ce que je vois (Guichets fermés) : ce marque-page ne s’applique pas ici. ${capture.reason} La page n’a pas été modifiée.`,
    ),
  );
