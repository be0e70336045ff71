// The kiosk's start screen: the branch's sub-services with their queues (issue 4 builds the rest).
import type { BranchSummary, ServiceSummary } from '@nobat/protocol';
import { toPersianDigits } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'vazirmatn/Vazirmatn-font-face.css';
import './style.css';

function App() {
  const [branch, setBranch] = useState<BranchSummary | null>(null);
  const [services, setServices] = useState<ServiceSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const wanted = new URLSearchParams(location.search).get('branch');
      const branches = (await (await fetch('/api/v1/branches')).json()) as BranchSummary[];
      const b = branches.find((x) => x.id === wanted) ?? branches[0];
      if (!b) return setError('شعبه‌ای تعریف نشده است');
      setBranch(b);
      setServices((await (await fetch(`/api/v1/branches/${b.id}/services`)).json()) as ServiceSummary[]);
    })().catch(() => setError('ارتباط با سرور برقرار نیست'));
  }, []);
  return (
    <main>
      <h1>{branch?.name.fa ?? 'نوبت'}</h1>
      {error && <p class="error">{error}</p>}
      <ul class="services">
        {services.map((s) => (
          <li key={s.id}>
            <span>{s.title.fa}</span>
            <small>{toPersianDigits(s.waiting)} نفر در انتظار</small>
          </li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
