// The hall screen: the latest call and the counters (issue 6 builds the rest).
import type { DisplayServerEvents, DisplaySnapshot } from '@nobat/protocol';
import { toPersianDigits } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import 'vazirmatn/Vazirmatn-font-face.css';
import './style.css';

function App() {
  const [snap, setSnap] = useState<DisplaySnapshot | null>(null);
  const [online, setOnline] = useState(false);
  useEffect(() => {
    const branchId = new URLSearchParams(location.search).get('branch') ?? 'sso-tehran-14';
    const socket: Socket<DisplayServerEvents> = io('/display', { auth: { branchId } });
    socket.on('connect', () => setOnline(true));
    socket.on('disconnect', () => setOnline(false));
    socket.on('snapshot', setSnap);
    socket.on('ticket:called', (call) =>
      setSnap((s) => (s ? { ...s, recentCalls: [call, ...s.recentCalls].slice(0, 20) } : s)),
    );
    return () => socket.close();
  }, []);
  const latest = snap?.recentCalls[0];
  return (
    <main>
      <h1>{snap?.branchName.fa ?? 'نوبت'}</h1>
      {!online && <p class="error">ارتباط با سرور برقرار نیست</p>}
      {latest && (
        <p class="latest">
          {toPersianDigits(latest.number)} ← باجه {toPersianDigits(latest.counterNumber)}
        </p>
      )}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
