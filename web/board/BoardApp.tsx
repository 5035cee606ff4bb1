import { useCallback, useEffect, useRef, useState } from 'react';
import type { Board, Weather } from '../../contract/board.js';

/** What the board keeps between refreshes and across a reload (localStorage). */
interface Snapshot {
  board: Board;
  /** When this browser received it (ms). */
  receivedAt: number;
}

const NOTICE_ROTATE_MS = 8000;
const FETCH_TIMEOUT_MS = 10_000;
const tokenFromPath = () =>
  decodeURIComponent(window.location.pathname.replace(/^\/board\/?/, '').split('/')[0] ?? '');
const storageKey = (token: string) => `guanjia.board.${token}`;

function readSnapshot(token: string): Snapshot | null {
  try {
    const s = JSON.parse(localStorage.getItem(storageKey(token)) ?? 'null') as Snapshot | null;
    return s?.board && typeof s.receivedAt === 'number' ? s : null;
  } catch {
    return null;
  }
}

function fmt(ms: number, timeZone: string, opts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour12: false, ...opts }).format(new Date(ms));
}

/**
 * The entrance board (门岗信息屏): full screen, Chinese first with English below, refreshes
 * itself every minute, and keeps showing the last data it had (with its time) when the server
 * cannot be reached.
 */
export function BoardApp() {
  const token = tokenFromPath();
  const [snap, setSnap] = useState<Snapshot | null>(() => (token ? readSnapshot(token) : null));
  const [offline, setOffline] = useState(false);
  const [notFound, setNotFound] = useState(!token);
  const [now, setNow] = useState(() => Date.now());
  const [noticeIndex, setNoticeIndex] = useState(0);
  // Server time minus this screen's clock: the clock shows server time even on a skewed kiosk.
  const skew = useRef(0);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const res = await fetch(`/api/public/boards/${encodeURIComponent(token)}`, {
        cache: 'no-store',
        headers: { Accept: 'application/json', 'Accept-Language': 'zh-CN' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (res.status === 404) {
        setNotFound(true);
        return;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const board = (await res.json()) as Board;
      const receivedAt = Date.now();
      skew.current = Date.parse(board.now) - receivedAt;
      const next = { board, receivedAt };
      setSnap(next);
      setNotFound(false);
      setOffline(false);
      try {
        localStorage.setItem(storageKey(token), JSON.stringify(next));
      } catch {
        // Storage full or disabled: memory still holds the data.
      }
    } catch {
      setOffline(true);
    }
  }, [token]);

  const refreshMs = (snap?.board.refreshSeconds ?? 60) * 1000;
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), refreshMs);
    return () => clearInterval(t);
  }, [load, refreshMs]);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const noticeCount = snap?.board.notices.length ?? 0;
  useEffect(() => {
    if (noticeCount < 2) return;
    const t = setInterval(() => setNoticeIndex((i) => i + 1), NOTICE_ROTATE_MS);
    return () => clearInterval(t);
  }, [noticeCount]);

  if (notFound && !snap)
    return (
      <div className="message" data-testid="board-not-found">
        <div>信息屏链接无效，请联系物业服务中心</div>
        <div className="en-line">This board link is not valid; please contact the service center</div>
      </div>
    );
  if (!snap)
    return (
      <div className="message" data-testid="board-loading">
        <div>{offline ? '正在连接服务器…（网络中断）' : '正在加载…'}</div>
        <div className="en-line">{offline ? 'Connecting to the server… (network down)' : 'Loading…'}</div>
      </div>
    );

  const b = snap.board;
  const tz = b.timeZone;
  const clock = fmt(now + skew.current, tz, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const updated = fmt(snap.receivedAt, tz, { hour: '2-digit', minute: '2-digit' });
  const [y, m, d] = b.date.split('-').map(Number);
  const notice = noticeCount ? b.notices[noticeIndex % noticeCount] : null;

  return (
    <div className="board" data-testid="board" data-offline={offline ? 'true' : 'false'}>
      {offline && (
        <div className="offline" data-testid="board-offline">
          数据更新于 {updated}（网络中断）<span className="en"> Last updated {updated} (network down)</span>
        </div>
      )}
      <header className="top">
        <div className="place">
          {b.estate.name} · {b.entrance.name}
          {b.estate.nameEn && <div className="en-line">{b.estate.nameEn}</div>}
        </div>
        <div className="clock" data-testid="board-clock">
          {clock}
        </div>
      </header>

      <main className="cards">
        <section className="card" data-testid="board-date">
          <h2>
            今天<span className="en">Today</span>
          </h2>
          <div className="date-big">
            {m}月{d}日
            <br />
            {b.weekdayText.zh}
          </div>
          <div className="en-line">
            {b.weekdayText.en}, {y}-{String(m).padStart(2, '0')}-{String(d).padStart(2, '0')}
          </div>
          <div className="lunar">{b.lunar.text}</div>
          <div className="en-line">{b.lunar.textEn}</div>
          {b.solarTerm && (
            <div className="term">
              今日{b.solarTerm.zh}
              <span className="en"> {b.solarTerm.en}</span>
            </div>
          )}
          {b.festivals.map((f) => (
            <div key={f.name} className="festival">
              {f.name}
              <span className="en"> {f.nameEn}</span>
            </div>
          ))}
        </section>

        <section className="card" data-testid="board-weather">
          <h2>
            天气<span className="en">Weather</span>
          </h2>
          <WeatherDay label="今天" labelEn="Today" w={b.weather.today} />
          <WeatherDay label="明天" labelEn="Tomorrow" w={b.weather.tomorrow} />
          <WeatherSourceLine w={b.weather.today} tz={tz} />
        </section>

        <section className="card" data-testid="board-restriction">
          <h2>
            今日限行<span className="en">Plate restriction today</span>
          </h2>
          <Restriction r={b.restriction.today} />
          <div className="limit-tomorrow">
            {restrictionLine('明日', b.restriction.tomorrow)}
            <div className="en-line">{restrictionLineEn('Tomorrow', b.restriction.tomorrow)}</div>
          </div>
        </section>
      </main>

      <div className="notice" data-testid="board-notice">
        {notice ? (
          <>
            <span className="tag">{notice.kind === 'warm_tip' ? '温馨提示' : '通知'}</span>
            <span>
              {notice.textZh}
              {notice.textEn && <span className="en"> {notice.textEn}</span>}
            </span>
            {noticeCount > 1 && (
              <span className="count">
                {(noticeIndex % noticeCount) + 1}/{noticeCount}
              </span>
            )}
          </>
        ) : (
          <span>
            祝您生活愉快<span className="en"> Wishing you a pleasant day</span>
          </span>
        )}
      </div>

      <footer className="greeting" data-testid="board-greeting">
        {b.greeting.zh}
        <span className="en">{b.greeting.en}</span>
      </footer>
    </div>
  );
}

function WeatherDay({ label, labelEn, w }: { label: string; labelEn: string; w: Weather }) {
  const f = w.forecast;
  return (
    <div className="wx">
      <div className="label">
        {label}
        <div className="en-line">{labelEn}</div>
      </div>
      {f ? (
        <>
          <div className="cond">
            {f.conditionZh}
            <span className="temp">
              {Math.round(f.tempMin)}~{Math.round(f.tempMax)}°C
            </span>
          </div>
          <div className="en-line">{f.conditionEn}</div>
          <div className="detail">
            {[f.windZh, f.precipitationChance !== null ? `降水 ${f.precipitationChance}%` : null]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </>
      ) : (
        <div className="cond">
          暂无预报<span className="en"> No forecast yet</span>
        </div>
      )}
    </div>
  );
}

function WeatherSourceLine({ w, tz }: { w: Weather; tz: string }) {
  if (!w.source) return null;
  const name =
    w.source === 'manual'
      ? `门岗录入${w.enteredBy ? `（${w.enteredBy}）` : ''}`
      : w.source === 'qweather'
        ? '和风天气'
        : 'Open-Meteo';
  const at = w.fetchedAt
    ? fmt(Date.parse(w.fetchedAt), tz, {
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';
  return (
    <div className={`wx-source${w.stale ? ' stale' : ''}`}>
      {w.stale ? `天气暂未更新，为 ${at} 的预报` : `来源：${name} · ${at}`}
    </div>
  );
}

type R = Board['restriction']['today'];

function Restriction({ r }: { r: R }) {
  if (!r)
    return (
      <div className="limit-none">
        未设置<span className="en"> No rule for this city</span>
      </div>
    );
  if (!r.restricted)
    return (
      <>
        <div className="limit-none">不限行</div>
        <div className="limit-meta">
          {r.reasonText.zh}
          <div className="en-line">No restriction · {r.reasonText.en}</div>
        </div>
      </>
    );
  return (
    <>
      <div className="limit-label">尾号</div>
      <div className="limit-digits">{r.digits.join(' 和 ')}</div>
      <div className="limit-meta">
        {r.hoursText} · {r.area}
        <div className="en-line">
          Plates ending in {r.digits.join(' and ')}
          {r.areaEn ? ` · ${r.areaEn}` : ''}
        </div>
      </div>
    </>
  );
}

function restrictionLine(day: string, r: R): string {
  if (!r) return `${day}限行：未设置`;
  return r.restricted ? `${day}限行 尾号 ${r.digits.join(' 和 ')}` : `${day}不限行`;
}

function restrictionLineEn(day: string, r: R): string {
  if (!r) return `${day}: no rule`;
  return r.restricted ? `${day}: plates ending in ${r.digits.join(' and ')}` : `${day}: no restriction`;
}
