// The service groups tab: titles and the order the kiosk shows them in.
import { buttonClass } from '@nobat/client/preact';
import { type BranchConfig, localized } from '@nobat/protocol';
import { addGroup, groupInUse, removeGroup, updateGroup } from './draft.ts';
import { ItemTools, NumberField, TextField, useFloor } from './fields.tsx';
import { formatNumber } from './numbers.ts';
import { t } from './words.ts';

export function GroupsTab(props: { cfg: BranchConfig; edit: (e: (c: BranchConfig) => BranchConfig) => void }) {
  const { lang } = useFloor();
  const { cfg, edit } = props;
  return (
    <div class="fp-stack">
      <p class="fp-hint">{t(lang, 'groupsHint')}</p>
      <div class="fp-table-box">
        <table class="fp-table" data-testid="groups-table">
          <thead>
            <tr>
              <th scope="col" class="fp-w-num">
                {t(lang, 'order')}
              </th>
              <th scope="col">{t(lang, 'titleFa')}</th>
              <th scope="col">{t(lang, 'titleEn')}</th>
              <th scope="col" class="fp-w-num">
                {t(lang, 'tab_services')}
              </th>
              <th scope="col" class="fp-w-tools">
                <span class="fp-sr">{t(lang, 'actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cfg.groups.map((g, i) => {
              const name = localized(lang, g.title) || t(lang, 'untitled');
              const count = cfg.services.filter((s) => s.groupId === g.id).length;
              return (
                <tr key={g.id} data-testid={`group-${g.id}`}>
                  <td>
                    <NumberField
                      bare
                      label={`${t(lang, 'order')} — ${name}`}
                      path={`groups.${i}.order`}
                      value={g.order}
                      onChange={(order) => edit((c) => updateGroup(c, i, { ...g, order: order ?? Number.NaN }))}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleFa')} — ${name}`}
                      path={`groups.${i}.title.fa`}
                      alsoPaths={[`groups.${i}.title`]}
                      dir="rtl"
                      value={g.title.fa}
                      onInput={(fa) => edit((c) => updateGroup(c, i, { ...g, title: { ...g.title, fa } }))}
                    />
                  </td>
                  <td>
                    <TextField
                      bare
                      label={`${t(lang, 'titleEn')} — ${name}`}
                      path={`groups.${i}.title.en`}
                      dir="ltr"
                      value={g.title.en ?? ''}
                      onInput={(en) =>
                        edit((c) => updateGroup(c, i, { ...g, title: en ? { ...g.title, en } : { fa: g.title.fa } }))
                      }
                    />
                  </td>
                  <td class="fp-num">{formatNumber(lang, count)}</td>
                  <td>
                    <ItemTools
                      index={i}
                      count={cfg.groups.length}
                      what={name}
                      onMove={(to) => edit((c) => ({ ...c, groups: moveKeepingOrder(c.groups, i, to) }))}
                      onRemove={() => edit((c) => removeGroup(c, i))}
                      removeDisabled={groupInUse(cfg, g.id) ? t(lang, 'groupInUse') : undefined}
                    />
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
        data-testid="group-add"
        onClick={() => edit(addGroup)}
      >
        + {t(lang, 'addGroup')}
      </button>
    </div>
  );
}

/** Moving a group swaps its order number with its neighbour's, so the kiosk follows the table. */
function moveKeepingOrder(groups: BranchConfig['groups'], from: number, to: number): BranchConfig['groups'] {
  const a = groups[from];
  const b = groups[to];
  if (!a || !b) return groups;
  return groups.map((g, i) => (i === from ? { ...b, order: a.order } : i === to ? { ...a, order: b.order } : g));
}
