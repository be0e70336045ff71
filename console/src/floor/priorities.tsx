// The priority classes tab: exactly one "normal", and the weight each adds when a counter calls.
import { buttonClass } from '@nobat/client/preact';
import { type BranchConfig, localized, type PriorityKind } from '@nobat/protocol';
import { addPriority, removePriority, setPriorityKind, updatePriority } from './draft.ts';
import { NumberField, SelectField, TextField, useFloor } from './fields.tsx';
import { t } from './words.ts';

const KINDS: PriorityKind[] = ['normal', 'priority', 'appointment'];

export function PrioritiesTab(props: { cfg: BranchConfig; edit: (e: (c: BranchConfig) => BranchConfig) => void }) {
  const { lang } = useFloor();
  const { cfg, edit } = props;
  return (
    <div class="fp-stack">
      <p class="fp-hint">{t(lang, 'prioritiesHint')}</p>
      <div class="fp-table-box">
        <table class="fp-table" data-testid="priorities-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'titleFa')}</th>
              <th scope="col">{t(lang, 'titleEn')}</th>
              <th scope="col" class="fp-w-kind">
                {t(lang, 'kind')}
              </th>
              <th scope="col" class="fp-w-num">
                {t(lang, 'weight')}
              </th>
              <th scope="col" class="fp-w-tools">
                <span class="fp-sr">{t(lang, 'actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cfg.priorities.map((p, i) => {
              const name = localized(lang, p.title) || t(lang, 'untitled');
              const normal = p.kind === 'normal';
              return (
                <tr key={p.id} data-testid={`priority-${p.id}`}>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleFa')} — ${name}`}
                      path={`priorities.${i}.title.fa`}
                      alsoPaths={[`priorities.${i}.title`]}
                      dir="rtl"
                      value={p.title.fa}
                      onInput={(fa) => edit((c) => updatePriority(c, i, { ...p, title: { ...p.title, fa } }))}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleEn')} — ${name}`}
                      path={`priorities.${i}.title.en`}
                      dir="ltr"
                      value={p.title.en ?? ''}
                      onInput={(en) =>
                        edit((c) => updatePriority(c, i, { ...p, title: en ? { ...p.title, en } : { fa: p.title.fa } }))
                      }
                    />
                  </td>
                  <td>
                    <SelectField
                      bare
                      label={`${t(lang, 'kind')} — ${name}`}
                      path={`priorities.${i}.kind`}
                      value={p.kind}
                      // The normal class stays normal until another takes its place.
                      options={(normal ? ['normal' as const] : KINDS).map((k) => ({
                        value: k,
                        label: t(lang, `kind_${k}`),
                      }))}
                      onChange={(kind) => edit((c) => setPriorityKind(c, i, kind))}
                    />
                  </td>
                  <td>
                    <NumberField
                      bare
                      label={`${t(lang, 'weight')} — ${name}`}
                      path={`priorities.${i}.weight`}
                      value={p.weight}
                      onChange={(w) => edit((c) => updatePriority(c, i, { ...p, weight: w ?? Number.NaN }))}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="fp-icon fp-danger"
                      aria-label={`${t(lang, 'remove')}: ${name}`}
                      title={normal ? t(lang, 'normalStays') : t(lang, 'remove')}
                      disabled={normal}
                      onClick={() => edit((c) => removePriority(c, i))}
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
      <button type="button" class={`${buttonClass('secondary', true)} fp-add`} onClick={() => edit(addPriority)}>
        + {t(lang, 'addPriority')}
      </button>
    </div>
  );
}
