// Choosing what to take a ticket for: the groups, then a group's sub-services, each with how many
// wait and the estimate, or why it cannot be taken now.
import { etaText, type Lang, localDigits, localized, type ServiceGroup, type ServiceSummary } from '@nobat/protocol';
import { t } from './i18n.ts';

export function GroupTiles(props: {
  lang: Lang;
  groups: ServiceGroup[];
  services: ServiceSummary[];
  pick: (groupId: string) => void;
}) {
  const { lang } = props;
  return (
    <section>
      <h2 class="prompt">{t(lang, 'chooseGroup')}</h2>
      <div class="tiles">
        {props.groups.map((g) => {
          const waiting = props.services.filter((s) => s.groupId === g.id).reduce((n, s) => n + s.waiting, 0);
          return (
            <button
              type="button"
              key={g.id}
              class="tile"
              data-testid={`group-${g.id}`}
              onClick={() => props.pick(g.id)}
            >
              <span class="tile-title">{localized(lang, g.title)}</span>
              <span class="tile-meta">
                {localDigits(lang, waiting)} {t(lang, 'waiting')}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}

export function ServiceList(props: { lang: Lang; services: ServiceSummary[]; pick: (s: ServiceSummary) => void }) {
  const { lang } = props;
  const reason = (s: ServiceSummary) =>
    s.unavailable === 'inactive'
      ? t(lang, 'closed')
      : s.unavailable === 'closed-today'
        ? t(lang, 'closedToday')
        : s.unavailable === 'capacity-reached'
          ? t(lang, 'full')
          : s.unavailable === 'branch-closed'
            ? t(lang, 'branchClosed')
            : null;
  return (
    <div class="tiles">
      {props.services.map((s) => {
        const why = reason(s);
        return (
          <button
            type="button"
            key={s.id}
            class={`tile ${why ? 'unavailable' : ''}`}
            disabled={why !== null}
            data-testid={`service-${s.id}`}
            onClick={() => props.pick(s)}
          >
            <span class="tile-title">{localized(lang, s.title)}</span>
            <span class="tile-meta">
              {why ?? (
                <>
                  {localDigits(lang, s.waiting)} {t(lang, 'waiting')} ·{' '}
                  {etaText(lang, { ...s, ahead: s.waiting }, 'alone')}
                </>
              )}
            </span>
          </button>
        );
      })}
    </div>
  );
}
