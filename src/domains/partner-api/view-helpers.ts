export const SECTION = 'partner-systems';
export const view = (name: string) => `domains/partner-api/views/${name}.njk`;

export const STATUS_TAGS = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  expired: { text: 'Expired', classes: 'govuk-tag--grey' },
  revoked: { text: 'Revoked', classes: 'govuk-tag--red' },
  on: { text: 'On', classes: 'govuk-tag--green' },
  off: { text: 'Turned off', classes: 'govuk-tag--grey' },
  pending: { text: 'Waiting', classes: 'govuk-tag--blue' },
  delivered: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
} as const;

export const agencyItems = (agencies: { id: string; name: string }[], chosen: string | undefined) => [
  { value: '', text: 'Select an agency', selected: !chosen },
  ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === chosen })),
];
