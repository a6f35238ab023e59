// statement: leads
// Merge LEADS edges, written from the task (ArcadeDB follows the written order). $rows: task, unit, position.
UNWIND $rows AS r
MATCH (t:Task {id: r.task})
MATCH (u:Unit {name: r.unit})
MERGE (t)<-[e:LEADS]-(u)
SET e.position = r.position
