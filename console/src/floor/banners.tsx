// What the page says above its tabs: a save refused as stale (who changed it, when, and a reload),
// a refusal with the problems no field shows, and short confirmations.
import { Banner, Button } from '@nobat/client/preact';
import { clockTime, jalaliShortDate, type Lang } from '@nobat/protocol';
import { unplacedIssues } from './state.ts';
import type { FloorPlan } from './use-floor-plan.ts';
import { t } from './words.ts';

export function FloorBanners(props: { lang: Lang; plan: FloorPlan; onReload: () => void }) {
  const { lang, plan } = props;
  const { conflict, error, notice } = plan;
  const close = (
    <Button variant="ghost" small aria-label={t(lang, 'close')} onClick={plan.dismiss}>
      ×
    </Button>
  );
  if (conflict) {
    const c = conflict.changed;
    return (
      <div class="fp-banner">
        <Banner
          tone="warn"
          title={t(lang, 'conflictTitle')}
          testId="conflict-banner"
          actions={
            <Button variant="primary" data-testid="conflict-reload" onClick={props.onReload}>
              {t(lang, 'reload')}
            </Button>
          }
        >
          <p data-testid="conflict-who">
            {c ? (
              <>
                {t(lang, 'conflictBy')}{' '}
                <b>
                  <bdi data-own-text>{c.by.name}</bdi>
                </b>{' '}
                {t(lang, 'on')} {jalaliShortDate(c.at, lang)} {t(lang, 'at')} <b>{clockTime(c.at, lang)}</b>.
              </>
            ) : (
              t(lang, 'conflictSomeone')
            )}
          </p>
          <p class="fp-small">{t(lang, 'conflictHint')}</p>
        </Banner>
      </div>
    );
  }
  if (error) {
    const rest = unplacedIssues(error);
    // A refused import says so itself; a refused save gets the page's words and the server's below.
    const refused = (error.status === 422 || error.status === 400) && error.code !== 'import-refused';
    return (
      <div class="fp-banner">
        <Banner
          tone="error"
          title={refused ? t(lang, 'refused') : error.text[lang]}
          testId="error-banner"
          actions={close}
        >
          {refused && <p>{error.text[lang]}</p>}
          {error.issues.length > rest.length && <p>{t(lang, 'fixFields')}</p>}
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
        </Banner>
      </div>
    );
  }
  if (notice) {
    return (
      <div class="fp-banner">
        <Banner tone="success" testId="notice-banner" actions={close}>
          {t(lang, notice)}
        </Banner>
      </div>
    );
  }
  return null;
}
