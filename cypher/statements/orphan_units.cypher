// statement: orphan_units
// Delete units left with no task.
MATCH (u:Unit)
WHERE NOT EXISTS { MATCH (u)-[:LEADS|SUPPORTS]->(:Task) }
DETACH DELETE u
