import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { PublicRatingCard, RatingCriterion, SubmitRatingBody } from '../../contract/ratings.js';

// Types only from the contract: importing it at run time would pull zod into a phone's bundle.
const RATING_CRITERIA: readonly RatingCriterion[] = [
  'punctuality',
  'attitude',
  'skill',
  'tidiness',
  'overall',
];

type Lang = 'zh-CN' | 'en';
type Scores = Partial<Record<RatingCriterion, number>>;
/** Why the page cannot show the form: each has its own plain-words screen. */
type ErrorKind = 'not_found' | 'expired' | 'already' | 'throttled' | 'network';
type View =
  | { kind: 'loading' }
  | { kind: 'form'; card: PublicRatingCard }
  | { kind: 'thanks' }
  | { kind: 'error'; error: ErrorKind };

const FETCH_TIMEOUT_MS = 15_000;
const COMMENT_MAX = 1000;
const LANG_KEY = 'guanjia.rating.lang';

const TEXT = {
  'zh-CN': {
    title: '服务评价',
    switchTo: 'English',
    switchLabel: 'Switch to English',
    loading: '正在加载…',
    intro: '请为本次服务打分',
    hint: '点星星打分：1 星最不满意，5 星最满意。',
    estate: '小区',
    service: '服务项目',
    date: '服务日期',
    technician: '服务人员',
    criteria: {
      punctuality: '准时',
      attitude: '态度',
      skill: '技能',
      tidiness: '整洁',
      overall: '总体评价',
    } as Record<RatingCriterion, string>,
    criteriaHint: {
      punctuality: '是否按约定时间到达',
      attitude: '是否礼貌、耐心',
      skill: '问题是否解决好',
      tidiness: '完工后是否清理干净',
      overall: '您对这次服务总体是否满意',
    } as Record<RatingCriterion, string>,
    levels: ['', '很不满意', '不满意', '一般', '满意', '非常满意'],
    star: (n: number) => `${n} 星`,
    notChosen: '未选择',
    comment: '留言（选填）',
    commentPlaceholder: '有什么想对我们说的，请写在这里',
    submit: '提交评价',
    submitting: '正在提交…',
    missing: (n: number) => `还有 ${n} 项未打分`,
    thanks: '感谢您的评价！我们会认真对待每一条意见。',
    thanksNote: '现在可以关闭这个页面了。',
    retry: '重试',
    submitFailed: '提交没有成功，请检查网络后再试一次。您的打分还在。',
    errors: {
      not_found: {
        title: '链接无效',
        body: '找不到这张服务监督卡。请核对链接是否完整，或联系物业服务中心。',
      },
      expired: {
        title: '评价已过期',
        body: '这张服务监督卡已过期，感谢您的关注。如有意见，请联系物业服务中心。',
      },
      already: {
        title: '已经评价过了',
        body: '您已经评价过这次服务，感谢您的反馈！',
      },
      throttled: {
        title: '请稍后再试',
        body: '尝试次数过多，请过几分钟再打开这个页面。',
      },
      network: {
        title: '网络连接失败',
        body: '暂时连不上服务器。请检查手机网络，然后点「重试」。',
      },
    } as Record<ErrorKind, { title: string; body: string }>,
  },
  en: {
    title: 'Rate our service',
    switchTo: '中文',
    switchLabel: '切换到中文',
    loading: 'Loading…',
    intro: 'Please rate this service',
    hint: 'Tap a star to score: 1 star is the worst, 5 stars the best.',
    estate: 'Estate',
    service: 'Service',
    date: 'Date',
    technician: 'Served by',
    criteria: {
      punctuality: 'Punctuality',
      attitude: 'Attitude',
      skill: 'Skill',
      tidiness: 'Tidiness',
      overall: 'Overall rating',
    } as Record<RatingCriterion, string>,
    criteriaHint: {
      punctuality: 'Did they arrive at the agreed time?',
      attitude: 'Were they polite and patient?',
      skill: 'Was the problem solved well?',
      tidiness: 'Did they clean up after the work?',
      overall: 'How satisfied are you with the service overall?',
    } as Record<RatingCriterion, string>,
    levels: ['', 'Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    star: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
    notChosen: 'Not chosen',
    comment: 'Comment (optional)',
    commentPlaceholder: 'Anything you would like to tell us',
    submit: 'Submit rating',
    submitting: 'Submitting…',
    missing: (n: number) => (n === 1 ? '1 item still to score' : `${n} items still to score`),
    thanks: 'Thank you for your rating! We take every comment seriously.',
    thanksNote: 'You can close this page now.',
    retry: 'Try again',
    submitFailed:
      'Your rating was not sent. Please check your connection and try again. Your scores are kept.',
    errors: {
      not_found: {
        title: 'Link not valid',
        body: 'This rating card was not found. Please check that the link is complete, or contact the service center.',
      },
      expired: {
        title: 'Rating period over',
        body: 'This rating card has expired. Thank you for your interest; please contact the service center with any feedback.',
      },
      already: {
        title: 'Already rated',
        body: 'You have already rated this service. Thank you for your feedback!',
      },
      throttled: {
        title: 'Please try again later',
        body: 'Too many attempts. Please open this page again in a few minutes.',
      },
      network: {
        title: 'No connection',
        body: 'The server cannot be reached right now. Please check your phone’s network, then tap “Try again”.',
      },
    } as Record<ErrorKind, { title: string; body: string }>,
  },
} as const;

const tokenFromPath = () => {
  try {
    return decodeURIComponent(window.location.pathname.replace(/^\/r\/?/, '').split('/')[0] ?? '');
  } catch {
    return '';
  }
};

function initialLang(): Lang {
  const q = new URLSearchParams(window.location.search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage disabled: Chinese first.
  }
  return 'zh-CN';
}

/** HTTP status → the screen to show (null: the call worked). */
function errorOf(status: number): ErrorKind | null {
  if (status >= 200 && status < 300) return null;
  if (status === 404) return 'not_found';
  if (status === 410) return 'expired';
  if (status === 409) return 'already';
  if (status === 429) return 'throttled';
  return 'network';
}

function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return lang === 'en' ? date : `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

function Stars(props: {
  criterion: RatingCriterion;
  label: string;
  hint: string;
  value: number | undefined;
  lang: Lang;
  disabled: boolean;
  onChange(n: number): void;
}) {
  const t = TEXT[props.lang];
  const { criterion, value } = props;
  return (
    <fieldset className="criterion" data-testid={`rating-criterion-${criterion}`}>
      <legend className="criterion-label">{props.label}</legend>
      <div className="criterion-hint">{props.hint}</div>
      <div className="stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={value === n}
            aria-label={`${props.label} ${t.star(n)}：${t.levels[n]}`}
            className={`star${value !== undefined && n <= value ? ' on' : ''}`}
            data-testid={`rating-star-${criterion}-${n}`}
            disabled={props.disabled}
            onClick={() => props.onChange(n)}
          >
            <span aria-hidden="true">★</span>
          </button>
        ))}
      </div>
      <div className={`level${value ? ' chosen' : ''}`} aria-live="polite">
        {value ? `${t.star(value)} · ${t.levels[value]}` : t.notChosen}
      </div>
    </fieldset>
  );
}

/**
 * The resident's rating page of the service supervision card (服务监督卡): opened from the QR
 * code on the printed card (/r/<token>) without logging in, Chinese first with a complete English
 * version; five scores of 1–5 and an optional comment, once.
 */
export function RatingApp() {
  const token = tokenFromPath();
  const [lang, setLang] = useState<Lang>(initialLang);
  const [view, setView] = useState<View>(() =>
    token ? { kind: 'loading' } : { kind: 'error', error: 'not_found' },
  );
  const [scores, setScores] = useState<Scores>({});
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [submitFailed, setSubmitFailed] = useState(false);
  const t = TEXT[lang];
  // Read at call time: switching the language must not reload the card.
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t.title} · 管家 Guanjia`;
  }, [lang, t.title]);

  const load = useCallback(async () => {
    if (!token) return;
    setView({ kind: 'loading' });
    try {
      const res = await fetch(`/api/public/rating-cards/${encodeURIComponent(token)}`, {
        cache: 'no-store',
        headers: { Accept: 'application/json', 'Accept-Language': langRef.current },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      const error = errorOf(res.status);
      if (error) {
        setView({ kind: 'error', error });
        return;
      }
      const card = (await res.json()) as PublicRatingCard;
      if (card.status === 'submitted') setView({ kind: 'error', error: 'already' });
      else if (card.status === 'expired') setView({ kind: 'error', error: 'expired' });
      else setView({ kind: 'form', card });
    } catch {
      setView({ kind: 'error', error: 'network' });
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  const switchLang = () => {
    const next: Lang = lang === 'en' ? 'zh-CN' : 'en';
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Storage disabled: the choice lasts for this visit.
    }
  };

  const missing = RATING_CRITERIA.filter((c) => !scores[c]).length;

  const submit = async () => {
    if (view.kind !== 'form' || missing > 0 || submitting) return;
    setSubmitting(true);
    setSubmitFailed(false);
    const body: SubmitRatingBody = {
      punctuality: scores.punctuality!,
      attitude: scores.attitude!,
      skill: scores.skill!,
      tidiness: scores.tidiness!,
      overall: scores.overall!,
      ...(comment.trim() ? { comment: comment.trim().slice(0, COMMENT_MAX) } : {}),
    };
    try {
      const res = await fetch(`/api/public/rating-cards/${encodeURIComponent(token)}`, {
        method: 'POST',
        cache: 'no-store',
        headers: {
          Accept: 'application/json',
          'Accept-Language': lang,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      const error = errorOf(res.status);
      if (!error) setView({ kind: 'thanks' });
      else if (error === 'network') setSubmitFailed(true);
      else setView({ kind: 'error', error });
    } catch {
      setSubmitFailed(true);
    } finally {
      setSubmitting(false);
    }
  };

  let body: ReactNode;
  if (view.kind === 'loading') {
    body = (
      <div className="panel center" data-testid="rating-loading" aria-busy="true">
        {t.loading}
      </div>
    );
  } else if (view.kind === 'thanks') {
    body = (
      <div className="panel center thanks" data-testid="rating-thanks" role="status">
        <div className="big-icon ok" aria-hidden="true">
          ✓
        </div>
        <p className="lead">{t.thanks}</p>
        <p className="note">{t.thanksNote}</p>
      </div>
    );
  } else if (view.kind === 'error') {
    const e = t.errors[view.error];
    const canRetry = view.error === 'network' || view.error === 'throttled';
    body = (
      <div className="panel center" data-testid="rating-error" data-kind={view.error} role="alert">
        <div className={`big-icon ${view.error === 'already' ? 'ok' : 'warn'}`} aria-hidden="true">
          {view.error === 'already' ? '✓' : '!'}
        </div>
        <h2>{e.title}</h2>
        <p className="lead">{e.body}</p>
        {canRetry && (
          <button type="button" className="primary" data-testid="rating-retry" onClick={() => void load()}>
            {t.retry}
          </button>
        )}
      </div>
    );
  } else {
    const { card } = view;
    const serviceName = lang === 'en' && card.serviceNameEn ? card.serviceNameEn : card.serviceName;
    const criteria = card.criteria.length ? card.criteria : [...RATING_CRITERIA];
    body = (
      <form
        className="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
      >
        <section className="panel service" data-testid="rating-service">
          <dl>
            {card.estateName && (
              <div>
                <dt>{t.estate}</dt>
                <dd>{card.estateName}</dd>
              </div>
            )}
            <div>
              <dt>{t.service}</dt>
              <dd className="strong">{serviceName}</dd>
            </div>
            <div>
              <dt>{t.date}</dt>
              <dd>{formatDate(card.serviceDate, lang)}</dd>
            </div>
            {card.technicianName && (
              <div>
                <dt>{t.technician}</dt>
                <dd>{card.technicianName}</dd>
              </div>
            )}
          </dl>
        </section>

        <section className="panel">
          <h2 className="intro">{t.intro}</h2>
          <p className="note">{t.hint}</p>
          {criteria.map((c) => (
            <Stars
              key={c}
              criterion={c}
              label={t.criteria[c]}
              hint={t.criteriaHint[c]}
              value={scores[c]}
              lang={lang}
              disabled={submitting}
              onChange={(n) => setScores((s) => ({ ...s, [c]: n }))}
            />
          ))}
        </section>

        <section className="panel">
          <label className="comment-label" htmlFor="rating-comment">
            {t.comment}
          </label>
          <textarea
            id="rating-comment"
            data-testid="rating-comment"
            rows={4}
            maxLength={COMMENT_MAX}
            placeholder={t.commentPlaceholder}
            value={comment}
            disabled={submitting}
            onChange={(ev) => setComment(ev.target.value)}
          />
          <div className="counter">
            {comment.length}/{COMMENT_MAX}
          </div>
        </section>

        {submitFailed && (
          <div className="submit-error" data-testid="rating-submit-error" role="alert">
            {t.submitFailed}
          </div>
        )}
        <div className="actions">
          {missing > 0 && <div className="missing">{t.missing(missing)}</div>}
          <button
            type="submit"
            className="primary"
            data-testid="rating-submit"
            disabled={missing > 0 || submitting}
          >
            {submitting ? t.submitting : submitFailed ? `${t.retry} · ${t.submit}` : t.submit}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="page" data-testid="rating-page" data-lang={lang}>
      <header className="bar">
        <h1>{t.title}</h1>
        <button
          type="button"
          className="lang"
          data-testid="rating-lang"
          aria-label={t.switchLabel}
          lang={lang === 'en' ? 'zh-CN' : 'en'}
          onClick={switchLang}
        >
          {t.switchTo}
        </button>
      </header>
      <main>{body}</main>
    </div>
  );
}
