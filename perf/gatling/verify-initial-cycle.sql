-- After an initialCycle run: every user the scenario created (acknowledged with 201; the temp table
-- `expected`, loaded from the run's created.csv, holds the state each must have after the run's
-- PATCHes) is in PostgreSQL exactly once, with the right attributes. A create answered 503
-- ("outcome unknown": the database looked down while its batch was in flight) may have committed
-- all the same: such rows are counted and reported, not failed (Entra's retry would find them).
-- A user whose PATCH got no 201/200 (certain = false) is only checked for identity and uniqueness.
-- Prints one line: "ok: …" or "FAILED: …". :connectors is the quoted, comma-separated list of the
-- run's connector ids.
WITH stored AS (
  SELECT o.* FROM cs_object o
  WHERE o.connector_id IN (:connectors) AND o.object_type = 'user' AND o.deleted_at IS NULL
), matched AS (
  SELECT count(*) AS n FROM expected e JOIN stored o ON o.connector_id = e.connector_id AND o.id = e.id
  WHERE o.external_id = e.external_id
    AND o.name_key = lower(e.user_name)
    AND o.doc ->> 'userName' = e.user_name
    AND (NOT e.certain OR (o.doc ->> 'displayName' = e.display_name
    AND o.doc -> 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' ->> 'department' = e.department
    AND (o.doc ->> 'active')::boolean = e.active
    AND (SELECT v ->> 'value' FROM jsonb_array_elements(o.doc -> 'emails') v WHERE v ->> 'type' = 'work') = e.work_email))
), facts AS (
  SELECT (SELECT count(*) FROM expected) AS expected,
         (SELECT count(DISTINCT (connector_id, id)) FROM expected) AS expected_distinct,
         (SELECT count(*) FROM stored) AS stored,
         (SELECT count(*) FROM (SELECT 1 FROM stored GROUP BY connector_id, external_id HAVING count(*) > 1) d) AS duplicated_external_ids,
         (SELECT n FROM matched) AS matched
)
SELECT CASE WHEN expected > 0 AND expected = expected_distinct AND stored >= expected
                 AND duplicated_external_ids = 0 AND matched = expected
            THEN 'ok: '
            ELSE 'FAILED: '
       END || format('%s users acknowledged, %s rows stored (%s of them committed without a 201), %s match their expected attributes, %s externalIds stored more than once',
                     expected, stored, stored - expected, matched, duplicated_external_ids)
FROM facts;
