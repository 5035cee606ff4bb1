import type { BoardService } from './board.service.js';

/**
 * Scheduled jobs of the board module. Refreshing twice (two processes) only writes the same
 * cache rows twice; a failing provider is recorded on the source and the cache stays.
 */
export function boardJobs(board: Pick<BoardService, 'refreshAll'>) {
  return [{ name: 'board.refresh-weather', everyMs: 30 * 60_000, run: () => board.refreshAll() }];
}
