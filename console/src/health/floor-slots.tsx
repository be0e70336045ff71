// The live floor's alerts strip and devices column (console/src/live/slots.ts), filled from the
// branch's /supervisor socket: the open alerts with Acknowledge (not on the wall screen, which has no
// actions), and the devices that are not online.
import { registerFloorSlot } from '../live/slots.ts';
import { AlertsStrip, DevicesColumn } from './components.tsx';
import { useHealthLive } from './live.ts';
import { useAck } from './pages.tsx';

registerFloorSlot('alerts', function FloorAlerts({ branchId, lang, wall }) {
  const live = useHealthLive(branchId);
  const { ack, busy } = useAck(branchId);
  return (
    <AlertsStrip
      lang={lang}
      alerts={live.alerts}
      view={live.view}
      busy={busy}
      {...(wall ? { max: 6 } : { onAck: ack })}
    />
  );
});

registerFloorSlot('devices', function FloorDevices({ branchId, lang }) {
  const live = useHealthLive(branchId);
  return <DevicesColumn lang={lang} devices={live.devices} faultsOnly />;
});
