// statement: stale_leads
// Delete LEADS edges of these tasks from units no longer named as leads. $rows: id, leads.
UNWIND $rows AS r
MATCH (t:Task {id: r.id})
MATCH (t)<-[e:LEADS]-(u:Unit)
WHERE NOT u.name IN r.leads
DELETE e
