import type { Messages } from '../id';

/** Official participation data from BPJS TK (issue 11). */
export const participation: Pick<Messages, 'participation'> = {
  participation: {
    nav: { import: 'Import official data', tokens: 'BPJS TK API tokens' },
    tokens: {
      title: 'BPJS TK API tokens',
      intro: "BPJS Ketenagakerjaan's systems send official participation figures with these tokens (PUT /api/participation, header Authorization: Bearer). Each token is limited to one region and the regions below it; every use is recorded in the audit log.",
      create: 'Create a token',
      name: 'Name',
      nameHint: 'Who sends with it, e.g. "BPJS TK Kanwil Jawa Barat".',
      region: 'Region',
      regionHint: 'Kemendagri code: a province (32), a regency/city (32.02), or ID for all of Indonesia.',
      scope: 'Scope: participation:write (send participation figures for this region).',
      createButton: 'Create token',
      createdTitle: 'Token created',
      createdOnce: 'Copy it now: it is shown only this once and is not stored as such.',
      copy: 'Copy',
      copied: 'Copied',
      list: 'Tokens',
      none: 'No tokens yet.',
      loadError: 'The tokens could not be loaded.',
      scopes: 'Scopes',
      created: 'Created',
      lastUsed: 'Last used',
      neverUsed: 'Never',
      state: 'Status',
      revoke: 'Revoke',
      cancel: 'Cancel',
      revokeConfirm: 'Revoke the token "{{name}}"? Its next push will be refused.',
      revokedAt: 'Revoked {{when}}',
    },
  },
};
