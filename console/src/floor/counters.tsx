// The counters tab: each counter's number, title and state, and the grid of counters × sub-services
// that says who serves what and with which weight.
import { buttonClass } from '@nobat/client/preact';
import { type Balancing, type BranchConfig, localized } from '@nobat/protocol';
import { addCounter, clerksOnlyAt, removeCounter, updateCounter } from './draft.ts';
import { CheckField, NumberField, SelectField, TextField, useFloor } from './fields.tsx';
import { gridOf, MAX_WEIGHT, MIN_WEIGHT, parseWeight, servedBy, setCell } from './grid.ts';
import { formatNumber } from './numbers.ts';
import { t } from './words.ts';

type Edit = (e: (c: BranchConfig) => BranchConfig) => void;

/** [B7–B9] A counter's own balancing mode; '' is the branch's. */
const BALANCINGS = ['', 'strict', 'proportional', 'longest-wait'] as const;

export function CountersTab(props: { cfg: BranchConfig; edit: Edit }) {
  const { lang } = useFloor();
  const { cfg, edit } = props;
  return (
    <div class="fp-stack">
      <ServiceGrid cfg={cfg} edit={edit} />
      <h4 class="fp-section-title">{t(lang, 'counters')}</h4>
      <div class="fp-table-box fp-counters-box">
        <table class="fp-table" data-testid="counters-table">
          <thead>
            <tr>
              <th scope="col" class="fp-w-num">
                {t(lang, 'number')}
              </th>
              <th scope="col">{t(lang, 'titleFa')}</th>
              <th scope="col">{t(lang, 'titleEn')}</th>
              <th scope="col" class="fp-w-check">
                {t(lang, 'active')}
              </th>
              <th scope="col">{t(lang, 'balancing')}</th>
              <th scope="col" class="fp-w-tools">
                <span class="fp-sr">{t(lang, 'actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cfg.counters.map((c, i) => {
              const name = `${t(lang, 'number')} ${formatNumber(lang, c.number)}`;
              const only = clerksOnlyAt(cfg, c.id);
              return (
                <tr key={c.id} data-testid={`counter-${c.id}`}>
                  <td>
                    <NumberField
                      bare
                      label={`${t(lang, 'number')} — ${c.id}`}
                      path={`counters.${i}.number`}
                      value={c.number}
                      onChange={(n) => edit((x) => updateCounter(x, i, { ...c, number: n ?? Number.NaN }))}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleFa')} — ${name}`}
                      path={`counters.${i}.title.fa`}
                      alsoPaths={[`counters.${i}.title`]}
                      dir="rtl"
                      value={c.title.fa}
                      onInput={(fa) => edit((x) => updateCounter(x, i, { ...c, title: { ...c.title, fa } }))}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleEn')} — ${name}`}
                      path={`counters.${i}.title.en`}
                      dir="ltr"
                      value={c.title.en ?? ''}
                      onInput={(en) =>
                        edit((x) => updateCounter(x, i, { ...c, title: en ? { ...c.title, en } : { fa: c.title.fa } }))
                      }
                    />
                  </td>
                  <td class="fp-center">
                    <CheckField
                      bare
                      label={`${t(lang, 'active')} — ${name}`}
                      path={`counters.${i}.active`}
                      checked={c.active}
                      onChange={(active) => edit((x) => updateCounter(x, i, { ...c, active }))}
                    />
                  </td>
                  <td>
                    <SelectField<(typeof BALANCINGS)[number]>
                      bare
                      label={`${t(lang, 'balancing')} — ${name}`}
                      path={`counters.${i}.balancing`}
                      value={c.balancing ?? ''}
                      testId={`counter-balancing-${c.id}`}
                      options={BALANCINGS.map((b) => ({ value: b, label: t(lang, `balancing_${b || 'branch'}`) }))}
                      onChange={(b) =>
                        edit((x) => {
                          const { balancing: _, ...rest } = c;
                          return updateCounter(x, i, b ? { ...rest, balancing: b as Balancing } : rest);
                        })
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="fp-icon fp-danger"
                      aria-label={`${t(lang, 'remove')}: ${name}`}
                      title={only.length ? `${t(lang, 'counterOnlyFor')} ${only.join('، ')}` : t(lang, 'remove')}
                      disabled={only.length > 0}
                      onClick={() => edit((x) => removeCounter(x, i))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        class={`${buttonClass('secondary', true)} fp-add`}
        data-testid="counter-add"
        onClick={() => edit(addCounter)}
      >
        + {t(lang, 'addCounter')}
      </button>
    </div>
  );
}

function ServiceGrid(props: { cfg: BranchConfig; edit: Edit }) {
  const { lang, errorsAt } = useFloor();
  const { cfg, edit } = props;
  const grid = gridOf(cfg.counters);
  const served = servedBy(cfg);
  return (
    <section class="fp-grid-section" aria-labelledby="fp-grid-title" data-path="counters">
      <h4 id="fp-grid-title">{t(lang, 'grid')}</h4>
      <p class="fp-hint">{t(lang, 'gridHint')}</p>
      <div class="fp-grid-box" data-testid="service-grid">
        <table class="fp-grid" onKeyDown={gridArrows}>
          <thead>
            <tr>
              <th scope="col" class="fp-grid-corner">
                {t(lang, 'tab_services')}
              </th>
              {cfg.counters.map((c, ci) => {
                const bad = errorsAt(`counters.${ci}.services`, true).length > 0 || c.services.length === 0;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    class={`fp-grid-counter${bad ? ' fp-bad' : ''}${c.active ? '' : ' fp-off'}`}
                    title={localized(lang, c.title)}
                  >
                    <span class="fp-grid-no">{formatNumber(lang, c.number)}</span>
                    <span class="fp-grid-ctitle">{shortTitle(localized(lang, c.title))}</span>
                    {c.services.length === 0 && (
                      <span
                        class="fp-dot"
                        role="img"
                        aria-label={t(lang, 'counterServesNothing')}
                        title={t(lang, 'counterServesNothing')}
                      />
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {cfg.services.map((s, si) => {
              const sname = localized(lang, s.title) || t(lang, 'untitled');
              return (
                <tr key={s.id}>
                  <th scope="row" class={`fp-grid-service${s.active ? '' : ' fp-off'}`}>
                    <span>{sname}</span>
                    {served[s.id] === 0 && <span class="fp-warn fp-small">{t(lang, 'notServed')}</span>}
                  </th>
                  {cfg.counters.map((c, ci) => {
                    const w = grid[c.id]?.[s.id];
                    return (
                      <td key={c.id} class={w === undefined ? 'fp-cell-empty' : `fp-cell fp-w${w}`}>
                        <input
                          type="text"
                          inputMode="numeric"
                          dir="ltr"
                          maxLength={2}
                          data-row={si}
                          data-col={ci}
                          data-testid={`cell-${c.id}-${s.id}`}
                          aria-label={`${t(lang, 'weightOf')} ${sname} ${t(lang, 'atCounter')} ${formatNumber(lang, c.number)} (${formatNumber(lang, MIN_WEIGHT)}–${formatNumber(lang, MAX_WEIGHT)})`}
                          value={formatNumber(lang, w ?? null)}
                          onInput={(e) => {
                            const input = e.currentTarget;
                            const next = parseWeight(input.value);
                            if (next === undefined) {
                              input.value = formatNumber(lang, w ?? null);
                              return;
                            }
                            edit((x) => setCell(x, c.id, s.id, next));
                          }}
                          onFocus={(e) => e.currentTarget.select()}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cfg.counters.map((c, ci) => {
        const messages = errorsAt(`counters.${ci}.services`, true);
        return messages.length ? (
          <div key={c.id} class="ui-field__error" role="alert" data-field-error data-path={`counters.${ci}.services`}>
            {t(lang, 'number')} {formatNumber(lang, c.number)}: {t(lang, 'fieldRefused')}{' '}
            <bdi>{messages.join(' · ')}</bdi>
          </div>
        ) : null;
      })}
    </section>
  );
}

/** A counter's title without its number ("Counter 1 — Premiums" → "Premiums"), for a narrow column. */
const shortTitle = (title: string): string =>
  title
    .split(/\s+[—-]\s+/)
    .slice(1)
    .join(' — ') || title;

/** Arrow keys move between cells (the grid follows the page's direction), like a spreadsheet. */
function gridArrows(e: KeyboardEvent) {
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || target.dataset.row === undefined) return;
  const rtl = getComputedStyle(target.closest('table') ?? document.documentElement).direction === 'rtl';
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, rtl ? 1 : -1],
    ArrowRight: [0, rtl ? -1 : 1],
  };
  const step = moves[e.key];
  if (!step) return;
  const row = Number(target.dataset.row) + step[0];
  const col = Number(target.dataset.col) + step[1];
  const next = target.closest('table')?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`);
  if (next) {
    e.preventDefault();
    next.focus();
  }
}
