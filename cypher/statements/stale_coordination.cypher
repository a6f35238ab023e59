// statement: stale_coordination
// Delete up to $batch COORDINATES_WITH edges not stamped by load $load_id; returns how many.
MATCH (:Unit)-[c:COORDINATES_WITH]->(:Unit)
WHERE c.load_id IS NULL OR c.load_id <> $load_id
WITH c LIMIT $batch
DELETE c
RETURN count(*) AS n
