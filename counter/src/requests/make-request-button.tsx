// The button beside the current ticket that turns the visit into a request (key M): for the ticket
// being served, else the one just served at this counter.
import { type Lang, localDigits, type StaffTicket } from '@nobat/protocol';
import { labelOf } from '../keys.ts';
import { rt } from './words.ts';

export function MakeRequestButton(props: {
  lang: Lang;
  ticket: StaffTicket | null;
  current: boolean;
  open: () => void;
}) {
  const { lang, ticket } = props;
  if (!ticket) return null;
  return (
    <div class="make-request">
      <button type="button" data-testid="make-request" onClick={props.open}>
        {rt(lang, 'makeRequest')} <kbd>{labelOf('makeRequest')}</kbd>
      </button>
      {!props.current && (
        <small data-testid="make-request-ticket">
          {rt(lang, 'forTicket')} {localDigits(lang, ticket.number)}
        </small>
      )}
    </div>
  );
}
