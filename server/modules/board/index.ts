import './board.table.js';

export { BoardErrors } from './board.errors.js';
export { boardJobs } from './board.jobs.js';
export { boardRoutes } from './board.routes.js';
export { type BoardDeps, type BoardService, createBoardService, DEFAULT_GREETING } from './board.service.js';
export type {
  BoardGreetingsTable,
  BoardNoticesTable,
  WeatherCacheTable,
  WeatherManualTable,
  WeatherSourcesTable,
} from './board.table.js';
export {
  type DailyForecast,
  OpenMeteoClient,
  QWeatherClient,
  signQWeatherJwt,
  type WeatherClient,
  WeatherProviderError,
  WMO,
} from './weather.clients.js';
