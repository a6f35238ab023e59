// statement: in_domain
// Merge IN_DOMAIN edges. $rows: task, key.
UNWIND $rows AS r
MATCH (t:Task {id: r.task})
MATCH (d:Domain {key: r.key})
MERGE (t)-[:IN_DOMAIN]->(d)
