-- Role home pages (issue 14). The BPJS branch's "waiting for a KPJ, oldest first": only the submitted
-- enrolments of a region are read (a key range on village_code), never every enrolment of the subtree.
CREATE INDEX enrolment_awaiting_kpj_idx ON enrolment (village_code, created_at, id) WHERE status = 'submitted';
