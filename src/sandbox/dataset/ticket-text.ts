import type { Rng } from './prng.ts';

/**
 * Subjects and descriptions of a payments support book. Some carry relationship-risk language
 * (the phrases of mappings/zendesk.yaml > risk_keywords); some carry near misses that a whole-word
 * matcher must not flag ("terminated", "regulatory", "lawyers").
 */
export type CategoryValue =
  | 'failed_payout'
  | 'chargeback_dispute'
  | 'kyc_verification'
  | 'api_integration'
  | 'billing_question'
  | 'complaint'
  | 'how_to';

/** Zendesk dropdown option value → our category name (mappings/zendesk.yaml > category > values). */
export const CATEGORY_OF: Record<CategoryValue, string> = {
  failed_payout: 'failed_payout',
  chargeback_dispute: 'chargeback',
  kyc_verification: 'kyc_hold',
  api_integration: 'api_error',
  billing_question: 'billing',
  complaint: 'complaint',
  how_to: 'how_to',
};

/** The tag that names each category when the field is empty (mappings/zendesk.yaml > category > tags). */
export const CATEGORY_TAG: Record<CategoryValue, string | null> = {
  failed_payout: 'payout_failed',
  chargeback_dispute: 'dispute',
  kyc_verification: 'kyc',
  api_integration: 'api',
  billing_question: 'invoice',
  complaint: 'complaint',
  how_to: null,
};

const SUBJECTS: Record<CategoryValue, readonly string[]> = {
  failed_payout: [
    'Payout failed for settlement batch',
    'Weekly payout not received',
    'Payout returned by bank: account closed',
    'Payout stuck in pending since Friday',
  ],
  chargeback_dispute: [
    'Chargeback received on order',
    'Dispute opened by cardholder',
    'Need evidence deadline extension for dispute',
    'Chargeback fee charged twice',
  ],
  kyc_verification: [
    'Account on hold pending verification',
    'KYC documents rejected',
    'Beneficial owner verification request',
    'Funds held: verification required',
  ],
  api_integration: [
    'Webhook signatures failing since update',
    'HTTP 500 from payments API',
    'Idempotency key conflict errors',
    'Sandbox API keys not working',
  ],
  billing_question: [
    'Question about this month’s invoice',
    'Processing fees higher than contract',
    'Need VAT number on invoice',
    'Refund of monthly platform fee',
  ],
  complaint: [
    'Formal complaint about account freeze',
    'Complaint: repeated payout delays',
    'Complaint about support response times',
  ],
  how_to: [
    'How do I add a second bank account?',
    'How to export settlement reports',
    'Setting up multi-currency payouts',
    'How to invite a team member',
  ],
};

const DETAILS: Record<CategoryValue, readonly string[]> = {
  failed_payout: [
    'The payout scheduled for this week did not arrive and our suppliers are waiting.',
    'Our bank says nothing was received. Can you tell us the trace number?',
  ],
  chargeback_dispute: [
    'A cardholder disputed a payment we delivered. We have proof of delivery.',
    'We received several disputes from the same issuer this week.',
  ],
  kyc_verification: [
    'We uploaded the documents twice and the hold is still there.',
    'Our funds are blocked until the verification completes. What is missing?',
  ],
  api_integration: [
    'Since your release our integration gets errors on about 3% of requests.',
    'Our webhook endpoint rejects the new signature header.',
  ],
  billing_question: [
    'The invoice does not match the rates in our agreement.',
    'Please send a corrected invoice for our accounting team.',
  ],
  complaint: [
    'This is the third time this month and nobody has called us back.',
    'We want a written answer from a manager about how this happened.',
  ],
  how_to: ['Could you point me to the right page in the documentation?', 'Thanks for the help!'],
};

/** Each contains exactly one phrase of risk_keywords, as a whole word or phrase. */
export const RISK_SENTENCES = [
  'This is unacceptable.',
  'If this is not fixed this week we will cancel our contract.',
  'We are switching provider next quarter.',
  'Our lawyer will contact you.',
  'We are reporting this to the regulator.',
  'Please escalate to your CEO.',
  'We are considering legal action.',
  'We will terminate the agreement if this continues.',
] as const;

/** Look like risk language to a substring matcher, but are not whole-word matches. */
export const NEAR_MISS_SENTENCES = [
  'The transfer was terminated by the receiving bank.',
  'Please send the regulatory reporting template.',
  'Our lawyers asked for a copy of the DPA.',
] as const;

export function ticketText(
  rng: Rng,
  category: CategoryValue,
  opts: { risk: boolean; repeat: boolean; reference: number },
): { subject: string; description: string } {
  let subject = rng.pick(SUBJECTS[category]);
  if (category === 'chargeback_dispute' || category === 'failed_payout') subject += ` #${opts.reference}`;
  if (opts.repeat) subject = `Re: ${subject}`;
  const sentences = [rng.pick(DETAILS[category])];
  if (opts.risk) sentences.push(rng.pick(RISK_SENTENCES));
  else if (rng.chance(0.02)) sentences.push(rng.pick(NEAR_MISS_SENTENCES));
  // Risk language sometimes only in the subject, which a matcher must read too.
  if (opts.risk && rng.chance(0.25)) subject = `${subject} - ${rng.pick(RISK_SENTENCES)}`;
  return { subject, description: sentences.join(' ') };
}
