// statement: stale_domains
// Delete IN_DOMAIN edges of these tasks to a domain they no longer have. $rows: id, domain_key.
UNWIND $rows AS r
MATCH (t:Task {id: r.id})
MATCH (t)-[e:IN_DOMAIN]->(d:Domain)
WHERE r.domain_key IS NULL OR d.key <> r.domain_key
DELETE e
