import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** What a fake provider saw of one request. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/**
 * A local HTTP server standing in for a weather provider (tests only): records each request
 * and answers with `respond` (status, JSON body, gzip like QWeather when asked).
 */
export async function startFakeWeather(
  respond: (r: SeenRequest) => { status: number; body: unknown; gzip?: boolean },
): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void>; server: Server }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const r: SeenRequest = {
      method: req.method ?? '',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
    };
    seen.push(r);
    const out = respond(r);
    const json = Buffer.from(JSON.stringify(out.body));
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (out.gzip) headers['Content-Encoding'] = 'gzip';
    res.writeHead(out.status, headers);
    res.end(out.gzip ? gzipSync(json) : json);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A QWeather 3-day answer (every value a string, as documented). */
export function qweather3d(dates: string[], tempMax = '12') {
  return {
    code: '200',
    updateTime: `${dates[0]}T08:35+08:00`,
    fxLink: 'https://www.qweather.com/',
    daily: dates.map((fxDate, i) => ({
      fxDate,
      sunrise: '06:58',
      sunset: '16:59',
      tempMax: String(Number(tempMax) - i),
      tempMin: String(-1 - i),
      iconDay: i === 0 ? '101' : '305',
      textDay: i === 0 ? '多云' : '小雨',
      iconNight: '150',
      textNight: '晴',
      windDirDay: '东北风',
      windScaleDay: '1-2',
      windSpeedDay: '3',
      humidity: '65',
      precip: i === 0 ? '0.0' : '2.5',
      pressure: '1020',
    })),
    refer: { sources: ['QWeather'], license: ['QWeather Developers License'] },
  };
}
