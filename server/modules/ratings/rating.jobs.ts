import type { RatingService } from './rating.service.js';

/**
 * Scheduled jobs of the ratings module. Both are safe to run in several processes at once:
 * cards and revisits have natural unique keys, and pruning only deletes rows nobody counts.
 */
export function ratingJobs(
  ratings: Pick<RatingService, 'ensureCardsForCompleted' | 'pruneGuessFailures'>,
  estateIds: () => Promise<string[]>,
) {
  return [
    {
      name: 'ratings.ensure-cards',
      everyMs: 15 * 60_000,
      async run() {
        let cards = 0;
        let revisits = 0;
        for (const id of await estateIds()) {
          const r = await ratings.ensureCardsForCompleted(id);
          cards += r.cards;
          revisits += r.revisits;
        }
        return { cards, revisits };
      },
    },
    { name: 'ratings.prune-guesses', everyMs: 60 * 60_000, run: () => ratings.pruneGuessFailures() },
  ];
}
