/**
 * What an audit row's action and entity mean, in words (issue 14: no raw codes on a screen or in an
 * export). The audit viewer, its .xlsx export and the worker page's trail all read these; an action
 * not listed here is shown by a neutral label, never by its code.
 */
import type { Bilingual } from './bilingual.js';

export const AUDIT_ACTION_LABELS: Record<string, Bilingual> = {
  view_nik: { id: 'Melihat NIK lengkap', en: 'Viewed a full NIK' },
  search_nik: { id: 'Mencari dengan NIK', en: 'Searched by NIK' },
  export: { id: 'Mengunduh daftar (NIK disamarkan)', en: 'Downloaded a list (NIK masked)' },
  export_full_nik: { id: 'Mengunduh daftar dengan NIK lengkap', en: 'Downloaded a list with full NIKs' },
  download_full_nik: { id: 'Mengunduh berkas dengan NIK lengkap', en: 'Downloaded a file with full NIKs' },
  create: { id: 'Membuat', en: 'Created' },
  update: { id: 'Mengubah', en: 'Changed' },
  status: { id: 'Mengubah status kepesertaan', en: 'Changed an enrolment status' },
  link_enrolment: { id: 'Menautkan kepesertaan', en: 'Linked an enrolment' },
  import_commit: { id: 'Menyimpan impor', en: 'Saved an import' },
  generate: { id: 'Membuat data', en: 'Generated data' },
  billing_run: { id: 'Membuat tagihan', en: 'Ran billing' },
  billing_repair: { id: 'Memperbaiki tagihan', en: 'Repaired billing' },
  record_payment: { id: 'Mencatat pembayaran', en: 'Recorded a payment' },
  import_payments: { id: 'Mengimpor pembayaran', en: 'Imported payments' },
  lapse_sweep: { id: 'Penonaktifan otomatis', en: 'Automatic lapse' },
  test_lapse: { id: 'Uji penonaktifan', en: 'Lapse test' },
  open_case: { id: 'Membuka kasus', en: 'Opened a case' },
  case_transition: { id: 'Memindahkan tahap kasus', en: 'Moved a case on' },
  attach_document: { id: 'Melampirkan dokumen', en: 'Attached a document' },
  set_umk: { id: 'Menetapkan UMK', en: 'Set a minimum wage' },
  record_collection: { id: 'Mencatat setoran agen', en: 'Recorded an agent collection' },
  rejoin: { id: 'Mengaktifkan kembali agen', en: 'Re-admitted an agent' },
  import_denominators: { id: 'Mengimpor penduduk bekerja', en: 'Imported the employed population' },
  import_boundaries: { id: 'Mengimpor batas wilayah', en: 'Imported region boundaries' },
  participation_push: { id: 'Menerima data resmi BPJS TK', en: 'Received official BPJS TK data' },
  participation_push_refused: { id: 'Menolak kiriman data resmi', en: 'Refused an official data push' },
  token_create: { id: 'Membuat token API', en: 'Created an API token' },
  token_revoke: { id: 'Mencabut token API', en: 'Revoked an API token' },
  login: { id: 'Masuk', en: 'Signed in' },
  deny: { id: 'Akses ditolak', en: 'Access refused' },
};

export const AUDIT_ENTITY_LABELS: Record<string, Bilingual> = {
  worker: { id: 'Pekerja', en: 'Worker' },
  person: { id: 'Pekerja', en: 'Worker' },
  enrolment: { id: 'Kepesertaan', en: 'Enrolment' },
  worker_list: { id: 'Daftar pekerja', en: 'Worker list' },
  worker_search: { id: 'Pencarian pekerja', en: 'Worker search' },
  bill: { id: 'Tagihan', en: 'Bill' },
  payment: { id: 'Pembayaran', en: 'Payment' },
  funding_program: { id: 'Program pendanaan', en: 'Funding programme' },
  rate_config: { id: 'Tarif', en: 'Rate' },
  early_warning: { id: 'Peringatan dini', en: 'Early warning' },
  employer: { id: 'Perusahaan', en: 'Employer' },
  compliance_case: { id: 'Kasus kepatuhan', en: 'Compliance case' },
  umk: { id: 'UMK', en: 'Minimum wage' },
  outreach_event: { id: 'Sosialisasi', en: 'Outreach event' },
  perisai_agent: { id: 'Agen Perisai', en: 'Perisai agent' },
  import: { id: 'Impor', en: 'Import' },
  import_job: { id: 'Impor', en: 'Import' },
  denominator_import: { id: 'Impor penduduk bekerja', en: 'Employed-population import' },
  region_boundary: { id: 'Batas wilayah', en: 'Region boundary' },
  api_token: { id: 'Token API', en: 'API token' },
  user: { id: 'Pengguna', en: 'User' },
  audit_log: { id: 'Jejak audit', en: 'Audit trail' },
  demo: { id: 'Data demo', en: 'Demo data' },
  demo_compliance: { id: 'Data demo', en: 'Demo data' },
  participation_demo: { id: 'Data demo', en: 'Demo data' },
};

const OTHER_ACTION: Bilingual = { id: 'Tindakan lain', en: 'Other action' };
const OTHER_ENTITY: Bilingual = { id: 'Data lain', en: 'Other record' };

export const auditActionLabel = (action: string): Bilingual => AUDIT_ACTION_LABELS[action] ?? OTHER_ACTION;
export const auditEntityLabel = (entity: string): Bilingual => AUDIT_ENTITY_LABELS[entity] ?? OTHER_ENTITY;

/** The actions the viewer offers as a filter, most asked-for first (the auditor's questions: who saw, who took, who changed). */
export const AUDIT_FILTER_ACTIONS = [
  'view_nik',
  'search_nik',
  'export_full_nik',
  'download_full_nik',
  'export',
  'import_commit',
  'status',
  'create',
  'update',
  'case_transition',
  'open_case',
  'billing_run',
  'record_payment',
  'import_payments',
  'lapse_sweep',
  'token_create',
  'token_revoke',
] as const;

/** Entity types the viewer offers as a filter. */
export const AUDIT_FILTER_ENTITIES = ['worker', 'enrolment', 'worker_list', 'bill', 'payment', 'funding_program', 'rate_config', 'employer', 'compliance_case', 'import', 'user', 'api_token', 'audit_log'] as const;
