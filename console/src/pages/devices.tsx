// Devices: kiosks, hall displays and hardware bridges, with when each last spoke to the server. An
// admin creates a device (its token is shown once, with the pairing link and its QR code) and
// revokes one; a supervisor sees their branch's devices.
import { formatDateTime, path } from '@nobat/client';
import { Banner, Button, CheckField, type Column, Field, Modal, Table } from '@nobat/client/preact';
import { type DeviceKind, type Lang, localized, type SessionUser } from '@nobat/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { z } from 'zod';
import { api, type BranchListItem, ConfigEnvelope, CreatedDevice, DeviceView, Ok } from '../api.ts';
import { BridgeLink } from '../bus/link.tsx';
import { counterLabel, t, type Word } from '../i18n.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { SaveBanner, useSave } from '../save.tsx';
import { CopiedNote, CopyRow, SecretOnce } from '../secret-once.tsx';
import { PageHead } from '../shell.tsx';

const KINDS: DeviceKind[] = ['kiosk', 'display', 'bridge'];
const kindWord = (k: DeviceKind): Word => k;

export function DevicesPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user: me } = props;
  const isAdmin = me.role === 'admin';
  const [branchFilter, setBranchFilter] = useState('');
  const branchId = isAdmin ? branchFilter || undefined : (me.branchId ?? undefined);
  const devices = useLoad(
    () => api.get(z.array(DeviceView), '/api/v1/admin/devices', { query: { branchId } }),
    [branchId],
  );
  const branches = useLoad(() => loadBranches(), [me.id]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedDevice | null>(null);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);
  const [notice, setNotice] = useState<Word | null>(null);
  const branchName = (id: string) => {
    const b = branches.data?.find((x) => x.id === id);
    return b ? localized(lang, b.name) : id;
  };
  const rows = (devices.data ?? []).filter((d) => !branchId || d.branchId === branchId);

  const columns = useMemo<Column<DeviceView>[]>(() => {
    const cols: Column<DeviceView>[] = [
      {
        key: 'name',
        header: t(lang, 'deviceName'),
        sortBy: (d) => d.name,
        cell: (d) => (
          <>
            <strong>{d.name}</strong>
            {d.kind === 'bridge' && <BridgeLink lang={lang} device={d} />}
          </>
        ),
      },
      { key: 'id', header: t(lang, 'id'), sortBy: (d) => d.id, cell: (d) => <code dir="ltr">{d.id}</code> },
      { key: 'kind', header: t(lang, 'kind'), sortBy: (d) => d.kind, cell: (d) => t(lang, kindWord(d.kind)) },
      {
        key: 'branch',
        header: t(lang, 'branch'),
        sortBy: (d) => branchName(d.branchId),
        cell: (d) => branchName(d.branchId),
      },
      {
        key: 'lastSeen',
        header: t(lang, 'lastSeen'),
        sortBy: (d) => d.lastSeenAt ?? '',
        cell: (d) =>
          d.lastSeenAt ? formatDateTime(lang, d.lastSeenAt) : <span class="muted">{t(lang, 'never')}</span>,
      },
      {
        key: 'status',
        header: t(lang, 'status'),
        cell: (d) => (
          <span class={`status ${d.active ? 'status--on' : 'status--off'}`}>
            {t(lang, d.active ? 'active' : 'disabled')}
          </span>
        ),
      },
    ];
    if (isAdmin) {
      cols.push({
        key: 'actions',
        header: t(lang, 'actions'),
        srOnlyHeader: true,
        cell: (d) => (
          <Button
            small
            variant="danger"
            onClick={() => {
              setNotice(null);
              setRevoking(d);
            }}
            data-testid={`revoke-${d.id}`}
          >
            {t(lang, 'revoke')}
          </Button>
        ),
      });
    }
    return cols;
  }, [lang, branches.data, isAdmin]);

  return (
    <>
      <PageHead
        title={t(lang, 'navDevices')}
        intro={t(lang, 'devicesIntro')}
        actions={
          isAdmin && (
            <Button
              variant="primary"
              onClick={() => {
                setNotice(null);
                setCreating(true);
              }}
              data-testid="new-device"
            >
              {t(lang, 'newDevice')}
            </Button>
          )
        }
      />
      {!isAdmin && (
        <Banner tone="info">
          <p>{t(lang, 'devicesReadOnly')}</p>
        </Banner>
      )}
      {notice && (
        <Banner tone="success" testId="devices-notice">
          <p>{t(lang, notice)}</p>
        </Banner>
      )}
      {devices.error !== null && <LoadFailed lang={lang} error={devices.error} onReload={devices.reload} />}
      {isAdmin && (
        <div class="filters">
          <Field label={t(lang, 'branch')}>
            {(c) => (
              <select
                {...c}
                value={branchFilter}
                onChange={(e) => setBranchFilter(e.currentTarget.value)}
                data-testid="filter-branch"
              >
                <option value="">{t(lang, 'allBranches')}</option>
                {(branches.data ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(lang, b.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <Table
        caption={t(lang, 'navDevices')}
        columns={columns}
        rows={rows}
        rowKey={(d) => d.id}
        empty={devices.loading ? t(lang, 'loading') : t(lang, 'nothingYet')}
        initialSort={{ key: 'name', dir: 'asc' }}
        sortLabel={t(lang, 'sortBy')}
        testId="devices-table"
      />
      {creating && (
        <DeviceEditor
          lang={lang}
          branches={branches.data ?? []}
          devices={devices.data ?? []}
          initialBranch={branchFilter}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            devices.reload();
          }}
        />
      )}
      {created && <TokenOnce lang={lang} created={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <Revoke
          lang={lang}
          device={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            setNotice('revoked');
            devices.reload();
          }}
        />
      )}
    </>
  );
}

function DeviceEditor(props: {
  lang: Lang;
  branches: BranchListItem[];
  devices: DeviceView[];
  initialBranch: string;
  onClose: () => void;
  onCreated: (c: CreatedDevice) => void;
}) {
  const { lang } = props;
  const [id, setId] = useState('');
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [branchId, setBranchId] = useState(props.initialBranch || props.branches[0]?.id || '');
  const [name, setName] = useState('');
  const [counterIds, setCounterIds] = useState<string[]>([]);
  const [kioskIds, setKioskIds] = useState<string[]>([]);
  const save = useSave();
  const config = useLoad(
    () =>
      kind === 'bridge' && branchId
        ? api.get(ConfigEnvelope, path('/api/v1/admin/branches', branchId))
        : Promise.resolve(null),
    [kind, branchId],
  );
  const kiosks = props.devices.filter((d) => d.kind === 'kiosk' && d.branchId === branchId);
  const submit = async (e: Event) => {
    e.preventDefault();
    const answer = await save.run(() =>
      api.post(CreatedDevice, '/api/v1/admin/devices', {
        id: id.trim(),
        kind,
        branchId,
        name: name.trim(),
        counterIds: kind === 'bridge' ? counterIds : [],
        kioskIds: kind === 'bridge' ? kioskIds : [],
      }),
    );
    if (answer) props.onCreated(answer);
  };
  return (
    <Modal
      title={t(lang, 'newDevice')}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      wide
      testId="device-editor"
    >
      <form class="stack" onSubmit={submit}>
        <SaveBanner lang={lang} save={save} />
        <div class="grid-2">
          <Field label={t(lang, 'kind')} hint={t(lang, 'kindHint')} error={save.fieldError('kind')} class="span-2">
            {(c) => (
              <select
                {...c}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as DeviceKind)}
                data-testid="field-kind"
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(lang, kindWord(k))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t(lang, 'id')} hint={t(lang, 'deviceIdHint')} error={save.fieldError('id')}>
            {(c) => (
              <input
                {...c}
                dir="ltr"
                value={id}
                required
                onInput={(e) => setId(e.currentTarget.value)}
                data-testid="field-id"
              />
            )}
          </Field>
          <Field label={t(lang, 'deviceName')} hint={t(lang, 'deviceNameHint')} error={save.fieldError('name')}>
            {(c) => (
              <input
                {...c}
                value={name}
                required
                onInput={(e) => setName(e.currentTarget.value)}
                data-testid="field-name"
              />
            )}
          </Field>
          <Field label={t(lang, 'branch')} error={save.fieldError('branchId')} class="span-2">
            {(c) => (
              <select
                {...c}
                value={branchId}
                onChange={(e) => setBranchId(e.currentTarget.value)}
                data-testid="field-branch"
              >
                {props.branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(lang, b.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {kind === 'bridge' && (
          <div class="grid-2">
            <fieldset class="checks">
              <legend class="ui-field__label">{t(lang, 'bridgeCounters')}</legend>
              <p class="ui-field__hint">{t(lang, 'bridgeCountersHint')}</p>
              {(config.data?.config.counters ?? []).map((c) => (
                <CheckField
                  key={c.id}
                  label={counterLabel(lang, c)}
                  checked={counterIds.includes(c.id)}
                  onChange={(on) => setCounterIds(on ? [...counterIds, c.id] : counterIds.filter((x) => x !== c.id))}
                />
              ))}
            </fieldset>
            <fieldset class="checks">
              <legend class="ui-field__label">{t(lang, 'bridgeKiosks')}</legend>
              <p class="ui-field__hint">{t(lang, 'bridgeKiosksHint')}</p>
              {kiosks.map((k) => (
                <CheckField
                  key={k.id}
                  label={k.name}
                  checked={kioskIds.includes(k.id)}
                  onChange={(on) => setKioskIds(on ? [...kioskIds, k.id] : kioskIds.filter((x) => x !== k.id))}
                />
              ))}
            </fieldset>
          </div>
        )}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={save.busy} data-testid="save">
            {t(lang, 'create')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </div>
      </form>
    </Modal>
  );
}

/** The new token, shown this once: the token itself, the pairing link, and the link's QR code. */
function TokenOnce(props: { lang: Lang; created: CreatedDevice; onClose: () => void }) {
  const { lang, created } = props;
  const [qr, setQr] = useState<string | null>(null);
  const link = created.pairingUrl;
  useEffect(() => {
    if (!link) return;
    QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => setQr(null),
    );
  }, [link]);
  const words = {
    title: t(lang, 'tokenTitle'),
    warning: t(lang, 'tokenOnce'),
    copy: t(lang, 'copy'),
    copied: t(lang, 'copied'),
  };
  return (
    <SecretOnce lang={lang} words={words} testId="token-once" doneTestId="token-done" onClose={props.onClose}>
      <div class="token-grid">
        <div class="stack">
          <p class="muted small">
            <span data-user-text>{created.device.name}</span> · {t(lang, kindWord(created.device.kind))} ·{' '}
            <code dir="ltr">{created.device.id}</code>
          </p>
          <CopyRow label={t(lang, 'token')} text={created.token}>
            <code class="secret" dir="ltr" data-testid="device-token">
              {created.token}
            </code>
          </CopyRow>
          {link ? (
            <CopyRow label={t(lang, 'pairingLink')} text={link}>
              <a class="secret" dir="ltr" href={link} target="_blank" rel="noreferrer" data-testid="pairing-link">
                {link}
              </a>
            </CopyRow>
          ) : (
            created.device.kind === 'bridge' && <p class="muted small">{t(lang, 'bridgeNoLink')}</p>
          )}
          <CopiedNote />
        </div>
        {qr && <img class="qr" src={qr} alt={t(lang, 'pairingQr')} width={220} height={220} data-testid="pairing-qr" />}
      </div>
    </SecretOnce>
  );
}

function Revoke(props: { lang: Lang; device: DeviceView; onClose: () => void; onDone: () => void }) {
  const { lang, device } = props;
  const save = useSave();
  const confirm = async () => {
    const answer = await save.run(() => api.delete(Ok, path('/api/v1/admin/devices', device.id)));
    if (answer) props.onDone();
  };
  return (
    <Modal
      title={`${t(lang, 'revoke')}: ${device.name}`}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      alert
      testId="revoke-device"
      footer={
        <>
          <Button variant="danger" busy={save.busy} onClick={confirm} data-testid="confirm-revoke">
            {t(lang, 'revoke')}
          </Button>
          <Button onClick={props.onClose} data-autofocus data-testid="cancel-revoke">
            {t(lang, 'cancel')}
          </Button>
        </>
      }
    >
      <SaveBanner lang={lang} save={save} />
      <p>{t(lang, 'revokeConfirm', { name: device.name })}</p>
    </Modal>
  );
}
