// statement: domains
// Merge domains by key (<list>/<name>). $rows: key, list, ordinal, name.
UNWIND $rows AS r
MERGE (d:Domain {key: r.key})
SET d.list = r.list, d.ordinal = r.ordinal, d.name = r.name
