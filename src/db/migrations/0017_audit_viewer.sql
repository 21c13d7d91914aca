-- Audit viewer (issue 14): filters by actor and by action, newest first, keyset-paged on id.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_username, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
