// The screenshot page: three Account Health cards, compiled by LWC's compiler and rendered by its
// engine with synthetic shadow DOM (as on a record page, so SLDS's global styles reach the markup).
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import AccountHealth from 'c/accountHealth';

for (const slot of document.querySelectorAll('[data-record-id]')) {
  const card = createElement('c-account-health', { is: AccountHealth });
  card.recordId = slot.dataset.recordId;
  slot.appendChild(card);
}
