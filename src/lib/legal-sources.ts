/**
 * The decisions, texts and official documents the litigation guides cite,
 * with their official references and where to read them. Copied from the
 * project's legal reference (decisions and numbers known to be real); a
 * guide may cite no « n° » and no article that is not here: the guide test
 * checks it, and the guide pages render their legal sources from this list.
 */
import { z } from 'zod';

const NBSP = '\u00a0';

const legalLinkSchema = z.object({
  /** Where the link leads, in French, e.g. `ArianeWeb, analyse` or `commentaire ASH`. */
  label: z.string().trim().min(1),
  /** The address. */
  url: z.url({ protocol: /^https?$/ }),
});

const legalSourceSchema = z.object({
  /** Stable identifier used in the guides' front matter, e.g. `ce-2020-435594`. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What kind of source it is: a court decision, a legal text or article, a Défenseur des droits document, a parliamentary document. */
  kind: z.enum(['decision', 'text', 'defenseur', 'parliament']),
  /** The official reference in French, as a guide cites it, e.g. `CE, 10 juin 2020, n° 435594`. */
  reference: z.string().trim().min(1),
  /** What it decides or says, in a few French words. */
  subject: z.string().trim().min(1),
  /** The numbers a guide may write after « n° » for this source (joined cases included). */
  numbers: z.array(z.string().min(1)),
  /** The code articles a guide may cite for this source, e.g. `R.431-2`. */
  articles: z.array(z.string().regex(/^[LRD]\.\d{3}-\d+$/)),
  /** Where to read it, official publication first when the reference gives one. */
  links: z.array(legalLinkSchema).min(1),
});

export type LegalSource = z.infer<typeof legalSourceSchema>;

const n = (number: string) => `n°${NBSP}${number}`;

export const LEGAL_SOURCES = z.array(legalSourceSchema).parse([
  {
    id: 'ce-2017-410919',
    kind: 'decision',
    reference: `CE, 2 juin 2017, ${n('410919')}`,
    subject: 'référé liberté\u00a0: l’urgence appréciée strictement',
    numbers: ['410919'],
    articles: [],
    links: [
      {
        label: 'texte de la décision (query-juriste)',
        url: 'https://decisions.query-juriste.com/decisions/conseil-d-etat-02-06-2017-410919-inedit-au-recueil-lebon-410919.html',
      },
    ],
  },
  {
    id: 'ce-2019-422516',
    kind: 'decision',
    reference: `CE, 27 novembre 2019, ${n('422516')}`,
    subject: 'le décret de 2016 sur les téléservices ne rend pas obligatoire la saisine par voie électronique',
    numbers: ['422516'],
    articles: [],
    links: [{ label: 'Gisti', url: 'https://gisti.org/spip.php?article6581' }],
  },
  {
    id: 'ce-2020-435594',
    kind: 'decision',
    reference: `CE, 10 juin 2020, ${n('435594')}`,
    subject:
      'référé mesures utiles pour obtenir un rendez-vous, après plusieurs tentatives faites des semaines différentes',
    numbers: ['435594'],
    articles: [],
    links: [
      {
        label: 'commentaire ASH',
        url: 'https://ash.tm.fr/hebdo/3165/actualites-juridiques/les-rendez-vous-en-prefecture-554074.php',
      },
      { label: 'InfoMIE', url: 'https://www.infomie.net/article5991.html?lang=fr' },
    ],
  },
  {
    id: 'ce-2022-453391',
    kind: 'decision',
    reference: `CE, 9 juin 2022, ${n('453391')}`,
    subject: 'l’urgence est en principe constatée pour une demande de renouvellement',
    numbers: ['453391'],
    articles: [],
    links: [
      {
        label: 'blog de droit des étrangers',
        url: 'https://vincenttchen.typepad.fr/droit_des_etrangers/2022/06/urgence-%C3%A0-obtenir-un-rendez-vous-en-pr%C3%A9fecture.html?no_prefetch=1',
      },
    ],
  },
  {
    id: 'ce-2022-452798',
    kind: 'decision',
    reference: `CE Section, 3 juin 2022, ${n('452798')} (et ${n('452806')})`,
    subject: 'téléservice ANEF\u00a0: accompagnement et solution de substitution obligatoires',
    numbers: ['452798', '452806'],
    articles: [],
    links: [
      { label: 'ArianeWeb, décision', url: 'http://www.conseil-etat.fr/fr/arianeweb/CE/decision/2022-06-03/452798' },
      { label: 'ArianeWeb, analyse', url: 'http://www.conseil-etat.fr/fr/arianeweb/CE/analyse/2022-06-03/452798' },
    ],
  },
  {
    id: 'ce-2022-461694',
    kind: 'decision',
    reference: `CE, avis, 3 juin 2022, ${n('461694')}`,
    subject:
      'la prise de rendez-vous et le dépôt en ligne sont des téléservices\u202f; limites de leur caractère obligatoire',
    numbers: ['461694'],
    articles: [],
    links: [{ label: 'ArianeWeb, analyse', url: 'http://conseil-etat.fr/fr/arianeweb/CE/analyse/2022-06-03/461694' }],
  },
  {
    id: 'ce-2024-493514',
    kind: 'decision',
    reference: `CE, 10 octobre 2024, ${n('493514')}`,
    subject: 'dossier incomplet\u00a0: le silence vaut refus d’enregistrement',
    numbers: ['493514'],
    articles: [],
    links: [{ label: 'InfoMIE', url: 'https://www.infomie.net/article7056.html?lang=fr' }],
  },
  {
    id: 'ce-2025-503575',
    kind: 'decision',
    reference: `CE, juge des référés, 25 avril 2025, ${n('503575')}`,
    subject: 'récépissé\u202f; l’urgence appréciée strictement',
    numbers: ['503575'],
    articles: [],
    links: [
      {
        label: 'Kohen avocats',
        url: 'https://kohenavocats.com/juge-des-referes-du-conseil-detat-le-25-avril-2025-n503575',
      },
    ],
  },
  {
    id: 'ta-2020-2010725-2016798',
    kind: 'decision',
    reference: `TA Cergy-Pontoise, ord., 2 novembre 2020, ${n('2010725')}, et TA Paris, ord., 3 novembre 2020, ${n('2016798/9')}`,
    subject: 'rendez-vous ordonné au vu de courriels et de captures d’écran sur au moins trois semaines',
    numbers: ['2010725', '2016798'],
    articles: [],
    links: [
      {
        label: 'Alwihda Info',
        url: 'https://www.alwihdainfo.com/Dematerialisation-des-procedures-le-juge-enjoint-a-la-Prefecture-de-delivrer-un-rendez-vous_a96369.html',
      },
    ],
  },
  {
    id: 'ta-versailles-2022-2105520',
    kind: 'decision',
    reference: `TA Versailles, 25 novembre 2022, ${n('2105520')}`,
    subject: `suite de l’avis du Conseil d’État ${n('461694')} (Essonne, Yvelines)`,
    numbers: ['2105520'],
    articles: [],
    links: [{ label: 'Lexbase', url: 'https://lexbase.fr/jurisprudence/90063918-ta-versailles-du-25112022-n-2105520' }],
  },
  {
    id: 'cja-referes',
    kind: 'text',
    reference: 'Code de justice administrative, articles L.521-1, L.521-2, L.521-3 et L.523-1',
    subject: 'les trois référés et les voies de recours contre leurs ordonnances',
    numbers: [],
    articles: ['L.521-1', 'L.521-2', 'L.521-3', 'L.523-1'],
    links: [
      { label: 'L.523-1 sur Légifrance', url: 'https://www.legifrance.gouv.fr/codes/id/LEGISCTA000006150401/' },
      {
        label: 'L.521-3 et son caractère subsidiaire (rapport du Sénat)',
        url: 'https://senat.fr/rap/r21-626/r21-6265.html',
      },
    ],
  },
  {
    id: 'decret-2021-313',
    kind: 'text',
    reference: `Décret ${n('2021-313')} du 24 mars 2021 et arrêté du 27 avril 2021`,
    subject: 'téléservice ANEF pour les demandes de titres de séjour\u202f; crée l’article R.431-2 du CESEDA',
    numbers: ['2021-313'],
    articles: [],
    links: [
      {
        label: 'ma-veille-juridique',
        url: 'https://ma-veille-juridique.com/decret-n-2021-313-du-24-mars-2021-relatif-a-la-mise-en-place-dun-teleservice-pour-le-depot-des-demandes-de-titres-de-sejour/',
      },
    ],
  },
  {
    id: 'decret-2023-191',
    kind: 'text',
    reference: `Décret ${n('2023-191')} du 22 mars 2023 (JO du 23 mars 2023) et arrêté du 1er août 2023`,
    subject: 'solution de substitution\u00a0: un accueil physique pour enregistrer la demande',
    numbers: ['2023-191'],
    articles: [],
    links: [
      {
        label: 'ASH',
        url: 'https://ash.tm.fr/societe/demandes-de-titres-de-sejour-une-alternative-au-teleservice-755975.php',
      },
      {
        label: 'arrêté du 1er août 2023 (Fédération des acteurs de la solidarité)',
        url: 'https://federationsolidarite.org/actualites/un-arrete-du-1er-aout-2023-precise-les-modalites-daccompagnement-et-la-solution-de-substitution-prevues-pour-les-demandes-de-titre-de-sejour-en-cas-de-difficulte-ou-de-dysfonctionnement-du-te',
      },
    ],
  },
  {
    id: 'ceseda-r431-2',
    kind: 'text',
    reference: 'CESEDA, article R.431-2',
    subject: 'demande de titre par téléservice, avec accueil, accompagnement et solution de substitution',
    numbers: [],
    articles: ['R.431-2'],
    links: [
      {
        label: 'texte en vigueur (Pappers Justice)',
        url: 'https://justice.pappers.fr/loi/LEGITEXT000006070158/section/LEGISCTA000042807014',
      },
    ],
  },
  {
    id: 'ceseda-r432-1-r432-2',
    kind: 'text',
    reference: 'CESEDA, articles R.432-1 et R.432-2',
    subject: 'quatre mois de silence sur une demande déposée valent rejet implicite',
    numbers: [],
    articles: ['R.432-1', 'R.432-2'],
    links: [
      {
        label: 'KTM avocats',
        url: 'https://www.ktm-avocats.com/publications/anef-silence-et-rejet-implicitenbsp-le-refere-suspension-comme-reponse-strategique',
      },
    ],
  },
  {
    id: 'ddd-2020-142',
    kind: 'defenseur',
    reference: `Défenseur des droits, décision ${n('2020-142')} du 10 juillet 2020`,
    subject: 'recommandations au ministre de l’Intérieur sur la prise de rendez-vous obligatoire par internet',
    numbers: ['2020-142'],
    articles: [],
    links: [
      {
        label: '123dok',
        url: 'https://123dok.net/document/qvl41kp0-d%C3%A9cision-du-d%C3%A9fenseur-des-droits-n.html',
      },
    ],
  },
  {
    id: 'ddd-ra-2021-009',
    kind: 'defenseur',
    reference: 'Défenseur des droits, règlement amiable RA-2021-009 du 20 janvier 2021',
    subject: 'une convocation en préfecture obtenue pour une personne sans rendez-vous',
    numbers: ['RA-2021-009'],
    articles: [],
    links: [
      {
        label: 'base juridique du Défenseur des droits',
        url: 'https://juridique.defenseurdesdroits.fr/index.php?lvl=notice_display&id=36930&opac_view=-1',
      },
    ],
  },
  {
    id: 'senat-rapport-626',
    kind: 'parliament',
    reference: `Sénat, rapport d’information ${n('626')} (Buffet), 10 mai 2022`,
    subject: 'les juridictions administratives comme «\u202fpré-guichet\u202f» des préfectures',
    numbers: ['626'],
    articles: [],
    links: [{ label: 'senat.fr', url: 'https://senat.fr/rap/r21-626/r21-6265.html' }],
  },
  {
    id: 'an-qe-17-2937',
    kind: 'parliament',
    reference: `Assemblée nationale, question écrite ${n('17-2937')}, réponse publiée au JO du 15 juillet 2025`,
    subject: 'la prise de rendez-vous en préfecture et le rôle du Défenseur des droits',
    numbers: ['17-2937'],
    articles: [],
    links: [{ label: 'assemblee-nationale.fr', url: 'https://questions.assemblee-nationale.fr/q17/17-2937QE.htm' }],
  },
]);

/** The legal source with this identifier, or undefined. */
export function legalSource(id: string): LegalSource | undefined {
  return LEGAL_SOURCES.find((source) => source.id === id);
}
