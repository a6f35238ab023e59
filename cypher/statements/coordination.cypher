// statement: coordination
// Derive COORDINATES_WITH between agencies that share a task, stamped with this load. $names, $load_id.
UNWIND $names AS name
MATCH (a:Unit {name: name})-[:LEADS|SUPPORTS]->(t:Task)<-[:LEADS|SUPPORTS]-(b:Unit)
WHERE a.kind = 'agency' AND b.kind = 'agency' AND a.name < b.name
WITH a, b, collect(DISTINCT t.id) AS tasks
MERGE (a)-[c:COORDINATES_WITH]->(b)
SET c.weight = size(tasks), c.tasks = tasks, c.load_id = $load_id
