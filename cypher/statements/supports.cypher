// statement: supports
// Merge SUPPORTS edges, written from the task. $rows: task, unit, position.
UNWIND $rows AS r
MATCH (t:Task {id: r.task})
MATCH (u:Unit {name: r.unit})
MERGE (t)<-[e:SUPPORTS]-(u)
SET e.position = r.position
