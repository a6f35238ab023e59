// statement: stale_supports
// Delete SUPPORTS edges of these tasks from units no longer named as supporters. $rows: id, supports.
UNWIND $rows AS r
MATCH (t:Task {id: r.id})
MATCH (t)<-[e:SUPPORTS]-(u:Unit)
WHERE NOT u.name IN r.supports
DELETE e
