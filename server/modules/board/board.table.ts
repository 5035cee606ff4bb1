import type { Generated } from 'kysely';
import type { Json, Ts, TsNull } from '../../db/schema.js';

/** The weather source of an estate; provider secrets live sealed inside `config.sealed`. */
export interface WeatherSourcesTable {
  estate_id: string;
  /** qweather | open_meteo | manual */
  provider: string;
  config: Json;
  location: string | null;
  last_error: string | null;
  last_error_at: TsNull;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

/** The last forecast a provider gave for a date (one row per estate and date). */
export interface WeatherCacheTable {
  estate_id: string;
  date: string;
  fetched_at: Ts;
  source: string;
  forecast: Json;
}

/** A forecast entered by hand at the gate; wins over every provider for its date. */
export interface WeatherManualTable {
  estate_id: string;
  date: string;
  entered_by: string;
  entered_by_name: string | null;
  entered_at: Ts;
  forecast: Json;
}

export interface BoardNoticesTable {
  estate_id: string;
  id: string;
  /** notice | warm_tip */
  kind: string;
  text_zh: string;
  text_en: string | null;
  from_date: string;
  to_date: string;
  entrance_id: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

export interface BoardGreetingsTable {
  estate_id: string;
  id: string;
  text_zh: string;
  text_en: string | null;
  festival: string | null;
  from_date: string | null;
  to_date: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    weather_sources: WeatherSourcesTable;
    weather_cache: WeatherCacheTable;
    weather_manual: WeatherManualTable;
    board_notices: BoardNoticesTable;
    board_greetings: BoardGreetingsTable;
  }
}
