// What the page says above its tabs: a save refused as stale (who changed it, when, and a reload),
// a refusal with the problems no field shows, and short confirmations.
import { clockTime, jalaliShortDate, type Lang } from '@nobat/protocol';
import { unplacedIssues } from './state.ts';
import type { FloorPlan } from './use-floor-plan.ts';
import { t } from './words.ts';

export function FloorBanners(props: { lang: Lang; plan: FloorPlan; onReload: () => void }) {
  const { lang, plan } = props;
  const { conflict, error, notice } = plan;
  if (conflict) {
    const c = conflict.changed;
    return (
      <div class="fp-banner fp-banner-conflict" role="alert" data-testid="conflict-banner">
        <div class="fp-banner-text">
          <strong>{t(lang, 'conflictTitle')}</strong>
          <p data-testid="conflict-who">
            {c ? (
              <>
                {t(lang, 'conflictBy')} <b>{c.by.name}</b> {lang === 'fa' ? 'در' : 'on'} {jalaliShortDate(c.at, lang)}{' '}
                {t(lang, 'at')} <b>{clockTime(c.at, lang)}</b>
                {lang === 'fa' ? '.' : '.'}
              </>
            ) : (
              t(lang, 'conflictSomeone')
            )}
          </p>
          <p class="fp-small">{t(lang, 'conflictHint')}</p>
        </div>
        <button type="button" class="fp-button fp-primary" data-testid="conflict-reload" onClick={props.onReload}>
          {t(lang, 'reload')}
        </button>
      </div>
    );
  }
  if (error) {
    const rest = unplacedIssues(error);
    const fieldsToFix = error.issues.length > rest.length;
    return (
      <div class="fp-banner fp-banner-error" role="alert" data-testid="error-banner">
        <div class="fp-banner-text">
          <strong>{error.status === 422 || error.status === 400 ? t(lang, 'refused') : error.text[lang]}</strong>
          {(error.status === 422 || error.status === 400) && <p>{error.text[lang]}</p>}
          {fieldsToFix && <p>{t(lang, 'fixFields')}</p>}
          {rest.length > 0 && (
            <>
              <p>{t(lang, 'otherProblems')}</p>
              <ul data-testid="error-other">
                {rest.map((i) => (
                  <li key={`${i.path}|${i.message}`}>
                    <bdi>
                      {i.path ? `${i.path}: ` : ''}
                      {i.message}
                    </bdi>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <button type="button" class="fp-icon" aria-label={t(lang, 'close')} onClick={plan.dismiss}>
          ×
        </button>
      </div>
    );
  }
  if (notice) {
    return (
      <div class="fp-banner fp-banner-ok" role="status" data-testid="notice-banner">
        <div class="fp-banner-text">{t(lang, notice)}</div>
        <button type="button" class="fp-icon" aria-label={t(lang, 'close')} onClick={plan.dismiss}>
          ×
        </button>
      </div>
    );
  }
  return null;
}
