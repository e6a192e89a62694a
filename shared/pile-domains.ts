/**
 * The Pile's 22 domains with the natural prior the ADO paper's code uses (`DEFAULT_WEIGHTS`,
 * token-proportional; they already sum to 1). Source: ado-algorithm.md §3.2, read from the
 * reference repository's pile_loader.py.
 */
export const PILE_NATURAL_PRIOR: Readonly<Record<string, number>> = {
  ArXiv: 0.08862621733009907,
  BookCorpus2: 0.006327357399975309,
  Books3: 0.10458626728299704,
  'DM Mathematics': 0.019084626704901235,
  'Enron Emails': 0.000998021865918546,
  EuroParl: 0.008072738376112661,
  FreeLaw: 0.04493927695030662,
  Github: 0.12267758913758665,
  'Gutenberg (PG-19)': 0.0195412686476066,
  HackerNews: 0.004731183407655429,
  'NIH ExPorter': 0.0018685647881937016,
  OpenSubtitles: 0.015835745965429738,
  OpenWebText2: 0.10960682218906206,
  PhilPapers: 0.0026731438901686708,
  'Pile-CC': 0.1824984780261193,
  'PubMed Abstracts': 0.02212837481440004,
  'PubMed Central': 0.12148621531516873,
  StackExchange: 0.049107965728456646,
  'USPTO Backgrounds': 0.02616577419097875,
  'Ubuntu IRC': 0.004850316881507234,
  'Wikipedia (en)': 0.04016661238580172,
  YoutubeSubtitles: 0.004027438721554198,
};

/** In the order of the reference's the_pile_grouped.py. */
export const PILE_DOMAINS = Object.keys(PILE_NATURAL_PRIOR);
