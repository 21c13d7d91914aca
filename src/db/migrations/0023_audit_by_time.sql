-- Audit viewer (issue 14, decision 102): a date range is read newest first along this index and stops
-- after one page, however many rows lie between the range and today (1,000,000 rows: bench/audit.ts).
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
-- who did this kind of thing: one user's full-NIK views or exports, however many other rows that user has
CREATE INDEX audit_log_actor_action_idx ON audit_log (actor_username, action, id DESC);
